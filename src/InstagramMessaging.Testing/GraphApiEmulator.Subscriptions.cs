using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace InstagramMessaging.Testing;

// The account's opt-in call, POST /{ver}/{page or me}/subscribed_apps?subscribed_fields=… (webhook spec §1.1): how
// an app subscribes the account again after Meta disabled a failing subscription (§5).
public sealed partial class GraphApiEmulator
{
    // The field names of the instagram object (spec §1.1, GREF spelling).
    private static readonly HashSet<string> s_webhookFields = new(StringComparer.Ordinal)
    {
        "messages", "message_edit", "message_reactions", "messaging_postbacks", "messaging_seen", "messaging_referral",
        "messaging_handover", "standby", "comments", "live_comments", "mentions", "story_insights", "messaging_optins",
    };

    private EmulatedResponse SubscribedApps(EmulatedRequest request, RequestParameters parameters)
    {
        if (!request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            return EmulatorResponses.Error(GraphError.InvalidParameter($"Unsupported {request.Method} request: the emulator answers POST subscribed_apps only."));
        }

        var fields = Field(parameters, "subscribed_fields");
        if (string.IsNullOrWhiteSpace(fields))
        {
            return EmulatorResponses.Error(GraphError.InvalidParameter("The parameter subscribed_fields is required."));
        }

        var names = fields.Split(',', StringSplitOptions.TrimEntries);
        if (names.FirstOrDefault(name => !s_webhookFields.Contains(name)) is { } unknown)
        {
            return EmulatorResponses.Error(GraphError.InvalidParameter(
                $"Param subscribed_fields must be a list of the instagram object's fields ({string.Join(", ", s_webhookFields.Order(StringComparer.Ordinal))}); '{unknown}' is not one."));
        }

        Webhooks.EnableSubscription();
        RaiseChanged("subscription");

        // Instagram Login answers a JSON true; Facebook Login's Page call answers the string "true" (spec §1.1).
        return new EmulatedResponse(200, Webhooks.LoginFlavor == WebhookLoginFlavor.FacebookLogin ? """{"success":"true"}""" : """{"success":true}""");
    }

    // A parameter from the query or the body (a form field or a JSON property), as Graph reads either.
    private static string? Field(RequestParameters parameters, string name)
        => parameters.Query.TryGetValue(name, out var value) ? value
            : parameters.Body.ValueKind == JsonValueKind.Object && parameters.Body.TryGetProperty(name, out var property)
                ? property.ValueKind == JsonValueKind.String ? property.GetString() : property.GetRawText()
                : null;
}
