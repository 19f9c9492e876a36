using System.Globalization;
using System.Net;
using System.Text.Json;
using System;
using InstagramMessaging.Serialization;

namespace InstagramMessaging.Transport;

// Meta's error table (shared/spec §4.3) as types: the one place a code becomes an exception.
internal static class GraphErrors
{
    public static InstagramApiException Create(GraphError error, string message, HttpStatusCode status, string? businessUseCaseUsage, Func<string?, string?> redact)
    {
        var (code, subcode, transient, type, trace) = (error.Code, error.Subcode, error.IsTransient, error.Type, error.FbTraceId);
        var title = redact(error.UserTitle);
        var user = redact(error.UserMessage);
        return (code, subcode) switch
        {
            (2, InstagramFeatureUnavailableException.MultiImageSubcode) => new InstagramFeatureUnavailableException(message, transient, type, trace, status, title, user),
            (1, 1357046) => new InstagramOutcomeUnknownException(message, code, subcode, status, trace),
            (10, 2534022 or 2018278) => new InstagramWindowClosedException(message, code, subcode, transient, type, trace, status, title, user),
            (10, 2018108) or (551, _) => new InstagramRecipientUnavailableException(message, code, subcode, transient, type, trace, status, title, user),
            (4 or 17 or 32 or 613 or 80002 or 80006, _) when subcode != 2018338 => new InstagramRateLimitedException(message, code, subcode, transient, type, trace, status, RetryAfter(businessUseCaseUsage), title, user),
            (190, _) => new InstagramAccessTokenException(message, code, subcode, transient, type, trace, status, title, user),
            (10, _) or (>= 200 and <= 299, _) => new InstagramPermissionException(message, code, subcode, transient, type, trace, status, title, user),
            (100, _) => new InstagramInvalidParameterException(message, code, subcode, transient, type, trace, status, title, user),
            (1, not 99) or (2, not 2018344) or (1200, _) => new InstagramTransientException(message, code, subcode, transient, type, trace, status, title, user),
            _ when transient && (int)status >= 500 => new InstagramTransientException(message, code, subcode, transient, type, trace, status, title, user),
            _ => new InstagramApiException(message, code, subcode, transient, type, trace, status, title, user),
        };
    }

    // X-Business-Use-Case-Usage: {"<business id>":[{"type":"instagram","call_count":100,...,"estimated_time_to_regain_access":5}]}
    // (minutes). The longest wait named wins, capped at InstagramRateLimiter.MaxThrottlePause; a value that is not
    // a finite, non-negative number, or a header of another shape, is no hint at all. The header comes from the
    // network: nothing in it may throw or hold an account back without bound.
    public static TimeSpan? RetryAfter(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(header);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            double? minutes = null;
            foreach (var business in document.RootElement.EnumerateObject())
            {
                if (business.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var usage in business.Value.EnumerateArray())
                {
                    if (usage.ValueKind == JsonValueKind.Object
                        && usage.TryGetProperty("estimated_time_to_regain_access", out var value)
                        && value.ValueKind == JsonValueKind.Number
                        && value.TryGetDouble(out var m) && double.IsFinite(m) && m >= 0)
                    {
                        minutes = Math.Max(minutes ?? 0, m);
                    }
                }
            }

            return minutes is { } wait
                ? (wait >= InstagramRateLimiter.MaxThrottlePause.TotalMinutes ? InstagramRateLimiter.MaxThrottlePause : TimeSpan.FromMinutes(wait))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Describe(int code, int? subcode)
        => subcode is { } s ? string.Create(CultureInfo.InvariantCulture, $"{code}/{s}") : code.ToString(CultureInfo.InvariantCulture);
}
