using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace InstagramMessaging;

/// <summary>
/// A message contract. The source generator implements this on every <c>[InstagramMessage]</c> record;
/// implement it by hand only for messages the generator cannot describe.
/// </summary>
public interface IInstagramMessage
{
    /// <summary>Writes the whole request body for <paramref name="recipient"/> as UTF-8 JSON.</summary>
    void WriteTo(IBufferWriter<byte> output, Recipient recipient, SendOptions? options = null);

    /// <summary>Writes the whole request body as one JSON object value into a larger document.</summary>
    void WriteTo(Utf8JsonWriter writer, Recipient recipient, SendOptions? options = null);

    /// <summary>The request body as a JSON string.</summary>
    string ToJson(Recipient recipient, SendOptions? options = null);

    /// <summary>Checks every platform rule the values can break; an empty list means the message can be sent.</summary>
    IReadOnlyList<MessageRuleViolation> Validate();
}
