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
// them, the customer's actions, the business side's thread control, the delivery log with resend, the dashboard Test
// and the subscription, fault switches and the clock. Tests use it too.
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
                return (200, Conversation(emulator, conversation));
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
                return (200, Conversation(emulator, conversation));
            case ["conversations", var conversation, "link"] when post:
                return await OpenLinkAsync(emulator.User(conversation), body, cancellationToken).ConfigureAwait(false);
            case ["conversations", var conversation, "thread", var change] when post:
                return await ChangeThreadOwnerAsync(emulator, conversation, change, body, cancellationToken).ConfigureAwait(false);
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
            case ["deliveries", "test"] when post:
                var test = await emulator.Webhooks.SendDashboardTestAsync(Flavor(Text(body, "flavor")), cancellationToken).ConfigureAwait(false);
                return (200, ConversationView.Attempt(test));
            case ["subscription", "enable"] when post:
                emulator.Webhooks.EnableSubscription();
                emulator.RaiseChanged("subscription");
                return (200, new JsonObject { ["subscriptionDisabled"] = emulator.Webhooks.SubscriptionDisabledReason });
            case ["deliveries", var number, "resend"] when post:
                var delivery = long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new ArgumentException($"'{number}' is not a delivery number (see GET /_emulator/api/deliveries).");
                var resent = await emulator.Webhooks.ResendAsync(delivery, cancellationToken).ConfigureAwait(false);
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
                    ["appId"] = emulator.Webhooks.AppId,
                    ["pageInboxAppId"] = EmulatorWebhooks.PageInboxAppId,
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
            "ad" => user.ClickAdAsync(Required(body, "text"), Text(body, "adId"), Text(body, "ref"), Text(body, "adTitle"), Url(body, "photoUrl"), Url(body, "videoUrl"), cancellationToken),
            "story" => user.ReplyToStoryAsync(Required(body, "text"), Text(body, "storyId"), Url(body, "linkStickerUrl"), Url(body, "storyUrl"), cancellationToken),
            "comment" => user.CommentAsync(Required(body, "text"), Text(body, "mediaId"), Text(body, "parentCommentId"), Text(body, "username"), Text(body, "mediaProductType") ?? "FEED", cancellationToken),
            _ => throw new ArgumentException($"Unknown customer action '{action}': text, image, attachment, tap, postback, react, unreact, reply, edit, delete, read, ad, link, story or comment (and thread/pass, thread/take for the business)."),
        };

        return await AnswerAsync(act, cancellationToken).ConfigureAwait(false);
    }

    // An ig.me link: into a new thread nothing is delivered until the customer writes, so the answer says which happened.
    private static async Task<(int, JsonNode)> OpenLinkAsync(SimulatedUser user, JsonObject body, CancellationToken cancellationToken)
    {
        var opening = user.OpenLinkAsync(Text(body, "ref"), Text(body, "source") ?? "SHORTLINK", cancellationToken);
        await Task.WhenAny(opening, Task.Delay(s_deliveryWait, cancellationToken)).ConfigureAwait(false);
        if (!opening.IsCompleted)
        {
            return (202, new JsonObject { ["kind"] = "referral", ["delivery"] = "Pending" });
        }

        var opened = await opening.ConfigureAwait(false);
        var answer = new JsonObject
        {
            ["kind"] = "referral",
            ["ref"] = opened.Ref,
            ["source"] = opened.Source,
            ["newThread"] = opened.IsNewThread,
            ["sent"] = opened.Event is not null,
            ["summary"] = opened.IsNewThread
                ? "New thread: nothing is sent until the customer's first message, which carries the referral" + (opened.Ref is null ? "." : " (ref " + opened.Ref + ").")
                : opened.Event is null ? "Existing thread: a link without ref sends nothing." : "Existing thread: the referral was delivered at once (ref " + opened.Ref + ").",
        };
        if (opened.Event is { } simulated)
        {
            answer["delivery"] = Outcome(simulated);
            answer["item"] = JsonNode.Parse(simulated.Json);
        }

        return (200, answer);
    }

    // The business side's handover: "pass" hands the thread to an app, "take" has an app take it. "inbox" names the
    // Page Inbox, "app" the app under test; any other value is an app id.
    private static async Task<(int, JsonNode)> ChangeThreadOwnerAsync(GraphApiEmulator emulator, string conversation, string change, JsonObject body, CancellationToken cancellationToken)
    {
        var webhooks = emulator.Webhooks;
        var app = Text(body, "app") switch
        {
            null when change == "pass" => EmulatorWebhooks.PageInboxAppId,
            null => webhooks.AppId,
            "inbox" => EmulatorWebhooks.PageInboxAppId,
            "app" => webhooks.AppId,
            var id => id,
        };
        emulator.User(conversation);
        Task<SimulatedEvent> act = change switch
        {
            "pass" => webhooks.PassThreadControlAsync(conversation, app, Text(body, "metadata"), cancellationToken),
            "take" => webhooks.TakeThreadControlAsync(conversation, app, Text(body, "metadata"), cancellationToken),
            _ => throw new ArgumentException($"Unknown thread change '{change}': pass or take."),
        };
        var (status, answer) = await AnswerAsync(act, cancellationToken).ConfigureAwait(false);
        answer["thread"] = ThreadControl(emulator, conversation);
        return (status, answer);
    }

    private static async Task<(int, JsonObject)> AnswerAsync(Task<SimulatedEvent> act, CancellationToken cancellationToken)
    {
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
            ["delivery"] = Outcome(simulated),
            ["item"] = JsonNode.Parse(simulated.Json),
        });
    }

    private static string Outcome(SimulatedEvent simulated)
        => simulated.Delivery.IsCompletedSuccessfully ? simulated.Delivery.Result.ToString() : "Pending";

    // The conversation as the page draws it, with who owns the thread (the header shows it).
    private static JsonObject Conversation(GraphApiEmulator emulator, string conversation)
    {
        var view = ConversationView.Build(emulator, conversation);
        view["thread"] = ThreadControl(emulator, conversation);
        return view;
    }

    private static JsonObject ThreadControl(GraphApiEmulator emulator, string conversation)
    {
        var webhooks = emulator.Webhooks;
        var owner = webhooks.ThreadOwner(conversation);
        return new JsonObject
        {
            ["owner"] = owner,
            ["ownerName"] = owner switch
            {
                null => null,
                EmulatorWebhooks.PageInboxAppId => "Page Inbox",
                _ when owner == webhooks.AppId => "this app",
                _ => "app " + owner,
            },
            ["standby"] = owner is not null && owner != webhooks.AppId,
        };
    }

    // No flavor named: the emulator's own (Webhooks.LoginFlavor).
    private static WebhookLoginFlavor? Flavor(string? name) => name?.ToLowerInvariant() switch
    {
        null => null,
        "instagram" or "instagramlogin" => WebhookLoginFlavor.InstagramLogin,
        "facebook" or "facebooklogin" => WebhookLoginFlavor.FacebookLogin,
        _ => throw new ArgumentException($"Unknown login flavor '{name}': instagram or facebook."),
    };

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

    private static Uri? Url(JsonObject body, string name)
        => Text(body, name) is { } url ? new Uri(url, UriKind.Absolute) : null;

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
