using System.Collections.Generic;
using System.Text.Json;

namespace InstagramMessaging.Testing;

// A request's parameters as the Graph API reads them, whatever form they arrived in: the access tokens found
// (header, query, form field), the query, and the body's fields as one JSON object, so one validator judges
// a JSON body and the same fields sent as a form alike.
internal sealed record RequestParameters(
    IReadOnlyList<string> Tokens,
    EmulatedTokenLocation TokenLocation,
    IReadOnlyDictionary<string, string> Query,
    JsonElement Body,
    GraphError? BodyError,
    (string FileName, byte[] Content)? File);
