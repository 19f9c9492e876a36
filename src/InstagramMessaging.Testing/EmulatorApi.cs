using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace InstagramMessaging.Testing;

// The page's JSON API under /_emulator/api/ (documented in docs/emulator.md): conversations as the page draws
// them, the customer's actions, the delivery log with resend, fault switches and the clock. Tests use it too.
internal static class EmulatorApi
{
    // An action answers once its delivery finished or after this long (then "pending"): a failing app must not
    // hold the page while the emulator retries.
    private static readonly TimeSpan s_deliveryWait = TimeSpan.FromSeconds(3);

    public static async Task ServeAsync(GraphApiEmulator emulator, HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        try
        {
            if (segments.Length < 3 || segments[0] != "_emulator" || segments[1] != "api")
            {
                await WriteAsync(context, 404, Error("Not found: the API lives under /_emulator/api/ (see docs/emulator.md).")).ConfigureAwait(false);
                return;
            }

            var body = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) ? await ReadAsync(context).ConfigureAwait(false) : new JsonObject();
            var (status, answer) = await RouteAsync(emulator, method, segments[2..], body, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, status, answer).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or JsonException or FormatException)
        {
            await WriteAsync(context, 400, Error(ex.Message)).ConfigureAwait(false);
        }
    }

    private static async Task<(int Status, JsonNode Answer)> RouteAsync(GraphApiEmulator emulator, string method, string[] route, JsonObject body, CancellationToken cancellationToken)
    {
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);
        switch (route)
        {
            case ["conversations"] when get:
                return (200, ConversationView.List(emulator));
            case ["conversations"] when post:
                var id = Text(body, "id") ?? emulator.NewUserId();
                emulator.User(id);
                emulator.RaiseChanged("conversation", id);
                return (201, new JsonObject { ["id"] = id });
            case ["conversations", var conversation] when get:
                return (200, ConversationView.Build(emulator, conversation));
            case ["conversations", var conversation, "window"] when post:
                if (Flag(body, "open") ?? throw new ArgumentException("Give \"open\": true or false."))
                {
                    emulator.OpenWindow(conversation);
                }
                else
                {
                    emulator.CloseWindow(conversation);
                }

                emulator.RaiseChanged("window", conversation);
                return (200, ConversationView.Build(emulator, conversation));
            case ["conversations", var conversation, var action] when post:
                return await ActAsync(emulator.User(conversation), action, body, cancellationToken).ConfigureAwait(false);
            case ["deliveries"] when get:
                var attempts = new JsonArray();
                foreach (var attempt in emulator.Webhooks.Attempts)
                {
                    attempts.Add((JsonNode)ConversationView.Attempt(attempt));
                }

                return (200, new JsonObject
                {
                    ["callback"] = emulator.Webhooks.CallbackUrl?.ToString(),
                    ["total"] = emulator.Webhooks.TotalAttempts,
                    ["subscriptionDisabled"] = emulator.Webhooks.SubscriptionDisabledReason,
                    ["attempts"] = attempts,
                });
            case ["deliveries", var number, "resend"] when post:
                var resent = await emulator.Webhooks.ResendAsync(long.Parse(number, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                return (200, ConversationView.Attempt(resent));
            case ["faults"] when get:
                return (200, Faults(emulator));
            case ["faults"] when post || HttpMethods.IsPut(method):
                SetFaults(emulator, body);
                emulator.RaiseChanged("faults");
                return (200, Faults(emulator));
            case ["clock"] when get:
                return (200, Clock(emulator));
            case ["clock", "advance"] when post:
                var clock = emulator.Time as EmulatorClock
                    ?? throw new InvalidOperationException("This emulator's clock cannot be moved: create it with new GraphApiEmulator(timeProvider: new EmulatorClock()).");
                var by = TimeSpan.FromHours(Number(body, "hours") ?? 0) + TimeSpan.FromMinutes(Number(body, "minutes") ?? 0)
                    + TimeSpan.FromSeconds(Number(body, "seconds") ?? 0);
                clock.Advance(by);
                emulator.RaiseChanged("clock");
                return (200, Clock(emulator));
            case ["info"] when get:
                return (200, new JsonObject
                {
                    ["pageId"] = emulator.PageId,
                    ["accountId"] = emulator.Webhooks.AccountId,
                    ["callback"] = emulator.Webhooks.CallbackUrl?.ToString(),
                });
            default:
                return (404, Error($"No API route {method} /_emulator/api/{string.Join('/', route)} (see docs/emulator.md)."));
        }
    }

    private static async Task<(int, JsonNode)> ActAsync(SimulatedUser user, string action, JsonObject body, CancellationToken cancellationToken)
    {
        Task<SimulatedEvent> act = action switch
        {
            "text" => user.SendTextAsync(Required(body, "text"), cancellationToken),
            "image" => user.SendAttachmentAsync("image", new Uri(Required(body, "url"), UriKind.Absolute), cancellationToken: cancellationToken),
            "attachment" => user.SendAttachmentAsync(Text(body, "type") ?? "image", Text(body, "url") is { } url ? new Uri(url, UriKind.Absolute) : null, Text(body, "title"), cancellationToken),
            "tap" => user.TapQuickReplyAsync(Required(body, "payload"), cancellationToken),
            "postback" => user.PressPostbackAsync(Required(body, "payload"), cancellationToken),
            "react" => user.ReactAsync(Required(body, "messageId"), Text(body, "reaction") ?? "love", Text(body, "emoji"), cancellationToken),
            "unreact" => user.UnreactAsync(Required(body, "messageId"), cancellationToken),
            "reply" => user.ReplyToAsync(Required(body, "messageId"), Required(body, "text"), cancellationToken),
            "edit" => user.EditAsync(Required(body, "messageId"), Required(body, "text"), cancellationToken),
            "delete" => user.DeleteAsync(Required(body, "messageId"), cancellationToken),
            "read" => user.ReadAsync(Required(body, "messageId"), cancellationToken),
            _ => throw new ArgumentException($"Unknown customer action '{action}': text, image, attachment, tap, postback, react, unreact, reply, edit, delete or read."),
        };

        // The action's task completes when its webhook was delivered or given up; answer sooner when the app is slow.
        await Task.WhenAny(act, Task.Delay(s_deliveryWait, cancellationToken)).ConfigureAwait(false);
        if (!act.IsCompleted)
        {
            return (202, new JsonObject { ["delivery"] = "Pending" });
        }

        var simulated = await act.ConfigureAwait(false);
        return (200, new JsonObject
        {
            ["kind"] = simulated.Kind,
            ["messageId"] = simulated.MessageId,
            ["delivery"] = simulated.Delivery.IsCompletedSuccessfully ? simulated.Delivery.Result.ToString() : "Pending",
            ["item"] = JsonNode.Parse(simulated.Json),
        });
    }

    private static JsonObject Faults(GraphApiEmulator emulator)
    {
        var webhooks = emulator.Webhooks;
        return new JsonObject
        {
            ["duplicates"] = webhooks.Faults.DuplicateRate > 0,
            ["reorder"] = webhooks.Faults.ReorderWindow > 1,
            ["delayDeliveries"] = webhooks.Faults.Delay > TimeSpan.Zero,
            ["wrongSignature"] = webhooks.Faults.WrongSignatureRate > 0,
            ["multiImageUnavailable"] = !emulator.MultiImageAvailable,
            ["transientErrors"] = emulator.Faults.TransientErrorRate > 0,
        };
    }

    private static void SetFaults(GraphApiEmulator emulator, JsonObject body)
    {
        var faults = emulator.Webhooks.Faults;
        if (Flag(body, "duplicates") is { } duplicates)
        {
            faults.DuplicateRate = duplicates ? 1 : 0;
        }

        if (Flag(body, "reorder") is { } reorder)
        {
            faults.ReorderWindow = reorder ? 3 : 1;
        }

        if (Flag(body, "delayDeliveries") is { } delay)
        {
            faults.Delay = delay ? TimeSpan.FromSeconds(2) : TimeSpan.Zero;
        }

        if (Flag(body, "wrongSignature") is { } wrong)
        {
            faults.WrongSignatureRate = wrong ? 1 : 0;
        }

        if (Flag(body, "multiImageUnavailable") is { } unavailable)
        {
            emulator.MultiImageAvailable = !unavailable;
        }

        if (Flag(body, "transientErrors") is { } transient)
        {
            emulator.Faults.TransientErrorRate = transient ? 1 : 0;
        }
    }

    private static JsonObject Clock(GraphApiEmulator emulator) => new()
    {
        ["now"] = emulator.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["offsetSeconds"] = emulator.Time is EmulatorClock clock ? clock.Offset.TotalSeconds : 0,
        ["movable"] = emulator.Time is EmulatorClock,
    };

    private static async Task<JsonObject> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength == 0)
        {
            return new JsonObject();
        }

        var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return node as JsonObject ?? (node is null ? new JsonObject() : throw new ArgumentException("The request body must be a JSON object."));
    }

    private static string? Text(JsonObject body, string name)
        => body[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static string Required(JsonObject body, string name)
        => Text(body, name) ?? throw new ArgumentException($"The request body needs \"{name}\".");

    private static bool? Flag(JsonObject body, string name)
        => body[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    private static double? Number(JsonObject body, string name)
        => body[name] is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static JsonObject Error(string message) => new() { ["error"] = message };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode answer)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
