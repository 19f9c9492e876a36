using System;
using System.Security.Cryptography;
using System.Text.Json;

namespace InstagramMessaging.Testing;

// Meta-shaped answers: the error envelope with a fresh fbtrace_id.
internal static class EmulatorResponses
{
    public static EmulatedResponse Error(GraphError error)
    {
        var envelope = new ErrorEnvelope(new ErrorBody(
            error.Message, error.Type, error.Code, error.Subcode, error.IsTransient,
            "A" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_')));
        return new EmulatedResponse(error.HttpStatus, JsonSerializer.Serialize(envelope, EmulatorJsonContext.Default.ErrorEnvelope));
    }
}
