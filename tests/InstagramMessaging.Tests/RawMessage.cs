using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.Tests;

// A hand-written message that puts fixed bytes on the wire, to see how the emulator and client treat them.
internal sealed class RawMessage(string json) : IInstagramMessage
{
    public void WriteTo(IBufferWriter<byte> output, Recipient recipient, SendOptions? options = null) => output.Write(Encoding.UTF8.GetBytes(json));

    public void WriteTo(Utf8JsonWriter writer, Recipient recipient, SendOptions? options = null) => writer.WriteRawValue(json);

    public string ToJson(Recipient recipient, SendOptions? options = null) => json;

    public IReadOnlyList<MessageRuleViolation> Validate() => Array.Empty<MessageRuleViolation>();
}
