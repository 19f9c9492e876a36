using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using InstagramMessaging.Testing;

namespace InstagramMessaging.Emulator;

// One console line per delivery attempt, as `stripe listen` prints: time, the events it carried, the app's answer.
internal static class DeliveryLine
{
    public static string Format(WebhookDeliveryAttempt attempt)
    {
        var time = attempt.StartedAt.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var answer = attempt.StatusCode is { } status ? "[" + status.ToString(CultureInfo.InvariantCulture) + "]" : "[no answer: " + attempt.Error + "]";
        var retry = attempt.AttemptNumber > 1 ? " (try " + attempt.AttemptNumber.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty;
        var latency = attempt.Latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        return $"{time}  --> {string.Join(", ", Events(attempt.Body))}{retry}  <-- {answer} {latency} ms  delivery {attempt.DeliveryNumber.ToString(CultureInfo.InvariantCulture)}";
    }

    private static IEnumerable<string> Events(string body)
    {
        var kinds = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
            {
                if (!entry.TryGetProperty("messaging", out var messaging))
                {
                    continue;
                }

                foreach (var item in messaging.EnumerateArray())
                {
                    foreach (var property in item.EnumerateObject())
                    {
                        if (property.Name is "sender" or "recipient" or "timestamp")
                        {
                            continue;
                        }

                        var echo = property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("is_echo", out var isEcho) && isEcho.ValueKind == JsonValueKind.True;
                        kinds.Add(echo ? "message_echo" : property.Name);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            kinds.Add("unreadable body");
        }

        return kinds;
    }
}
