using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;

namespace InstagramMessaging.Testing;

// Reads a request the way the Graph API does: the token from the Authorization header, the access_token query
// parameter or an access_token form field; the body as JSON, as application/x-www-form-urlencoded (what
// `curl --data` sends, each structured field as JSON text: recipient={"id":"…"}&message={…}) or as
// multipart/form-data. Form fields become one JSON object, the same a JSON body would be, so every check is
// made once, on one shape.
internal static class FormRequestReader
{
    private const string AccessToken = "access_token";

    // Parameters that authenticate the call rather than describe it; Graph takes them from the query or the form.
    private static readonly HashSet<string> s_authenticationFields = new(StringComparer.Ordinal)
    {
        AccessToken, "appsecret_proof", "appsecret_time",
    };

    // Fields whose value is an object or an array: in a form they must be JSON text. Other fields take JSON text
    // too (sender_action="unreact"), or plain text, as curl examples send it (sender_action=react, messaging_type=RESPONSE).
    private static readonly HashSet<string> s_structuredFields = new(StringComparer.Ordinal)
    {
        "recipient", "message", "payload", "reply_to", "ice_breakers", "persistent_menu",
    };

    private static readonly JsonElement s_emptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public static EmulatedBodyFormat BodyFormat(EmulatedRequest request) => request.MediaType switch
    {
        null => request.Content.Length == 0 ? EmulatedBodyFormat.None : EmulatedBodyFormat.Other,
        "application/json" => EmulatedBodyFormat.Json,
        "application/x-www-form-urlencoded" => EmulatedBodyFormat.Form,
        "multipart/form-data" => EmulatedBodyFormat.Multipart,
        _ => EmulatedBodyFormat.Other,
    };

    public static async Task<RequestParameters> ReadAsync(EmulatedRequest request, CancellationToken cancellationToken)
    {
        var tokens = new List<string>();
        var location = EmulatedTokenLocation.None;
        if (BearerToken(request.Authorization) is { } headerToken)
        {
            tokens.Add(headerToken);
            location |= EmulatedTokenLocation.Header;
        }

        var queryStart = request.PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var query = ParseUrlEncoded(queryStart < 0 ? string.Empty : request.PathAndQuery[(queryStart + 1)..]);
        if (query.TryGetValue(AccessToken, out var queryToken) && queryToken.Length > 0)
        {
            tokens.Add(queryToken);
            location |= EmulatedTokenLocation.Query;
        }

        Dictionary<string, string> fields;
        (string FileName, byte[] Content)? file = null;
        switch (BodyFormat(request))
        {
            case EmulatedBodyFormat.None:
                return new RequestParameters(tokens, location, query, s_emptyObject, null, null);
            case EmulatedBodyFormat.Json:
                return ParseJson(request.Body) is { } json
                    ? new RequestParameters(tokens, location, query, json, null, null)
                    : new RequestParameters(tokens, location, query, default, GraphError.InvalidParameter("The request body is not valid JSON."), null);
            case EmulatedBodyFormat.Form:
                fields = ParseUrlEncoded(request.Body);
                break;
            case EmulatedBodyFormat.Multipart:
                if (await MultipartForm.ReadAsync(request, cancellationToken).ConfigureAwait(false) is not { } form)
                {
                    return new RequestParameters(tokens, location, query, default, GraphError.InvalidParameter("The multipart/form-data body could not be read."), null);
                }

                fields = form.Fields;
                file = form.File;
                break;
            default:
                return new RequestParameters(tokens, location, query, default, GraphError.InvalidParameter(
                    $"The body must be sent as application/json, application/x-www-form-urlencoded or multipart/form-data, not '{request.MediaType}'."), null);
        }

        if (fields.TryGetValue(AccessToken, out var formToken) && formToken.Length > 0)
        {
            tokens.Add(formToken);
            location |= EmulatedTokenLocation.Form;
        }

        var error = ToJson(fields, out var body);
        return new RequestParameters(tokens, location, query, body, error, file);
    }

    // Each field's value is JSON text when it parses as JSON; otherwise a structured field is refused and any
    // other field is taken as plain text.
    private static GraphError? ToJson(Dictionary<string, string> fields, out JsonElement body)
    {
        body = default;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                if (s_authenticationFields.Contains(name))
                {
                    continue;
                }

                writer.WritePropertyName(name);
                if (ParseJson(value) is { } json)
                {
                    json.WriteTo(writer);
                }
                else if (s_structuredFields.Contains(name))
                {
                    return GraphError.InvalidParameter($"Param {name} must be JSON text, such as {Example(name)}; the value sent is not valid JSON.");
                }
                else
                {
                    writer.WriteStringValue(value);
                }
            }

            writer.WriteEndObject();
        }

        body = JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
        return null;
    }

    private static string Example(string name) => name switch
    {
        "recipient" => """recipient={"id":"<IGSID>"}""",
        "message" => """message={"text":"Hello"}""",
        "payload" => """payload={"message_id":"<MID>","reaction":"love"}""",
        "reply_to" => """reply_to={"mid":"<MID>"}""",
        _ => name + "=[{...}]",
    };

    // Ordered name/value pairs, decoded (percent escapes and '+'); a name given twice keeps its last value.
    private static Dictionary<string, string> ParseUrlEncoded(string text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in new QueryStringEnumerable(text))
        {
            var name = pair.DecodeName().ToString();
            if (name.Length > 0)
            {
                pairs[name] = pair.DecodeValue().ToString();
            }
        }

        return pairs;
    }

    private static string? BearerToken(string? header)
    {
        const string bearer = "Bearer ";
        return header is not null && header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && header[bearer.Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    internal static JsonElement? ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
