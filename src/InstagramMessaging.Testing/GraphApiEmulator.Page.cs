using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace InstagramMessaging.Testing;

// What the conversation page needs from the emulator: a timeline of both halves of every conversation (sends,
// refusals, sender actions, the customer's events), the 24-hour window on the emulator's clock, and a change
// signal for the page's event stream.
public sealed partial class GraphApiEmulator
{
    private static readonly TimeSpan s_window = TimeSpan.FromHours(24);
    private static readonly TimeSpan s_humanAgentWindow = TimeSpan.FromDays(7);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _windowOpenedAt = new(StringComparer.Ordinal);
    private readonly EmulatorTimeline _timeline = new();

    // Raised after anything the page shows changed: a timeline entry, a delivery attempt, a setting.
    internal event Action<EmulatorChange>? Changed;

    internal EmulatorTimeline Timeline => _timeline;

    internal IEnumerable<string> KnownCustomers => _users.Keys;

    // Whether the business may send to this customer without the HUMAN_AGENT tag, and until when.
    internal (bool Open, DateTimeOffset? ClosesAt) WindowState(string igsid)
    {
        var closesAt = _windowOpenedAt.TryGetValue(igsid, out var opened) ? opened + s_window : (DateTimeOffset?)null;
        return (!_closedWindows.ContainsKey(igsid) && !WindowExpired(igsid), closesAt);
    }

    internal void RaiseChanged(string kind, string? conversation = null) => Changed?.Invoke(new EmulatorChange(kind, conversation));

    // The window is 24 hours from the customer's last message on the emulator's clock; a customer who never wrote
    // (a test sending straight away) is not judged, but one known only from comments has no window yet.
    private bool WindowExpired(string recipientId)
        => _windowOpenedAt.TryGetValue(recipientId, out var opened) ? _time.GetUtcNow() - opened >= s_window : OnlyCommented(recipientId);

    // The HUMAN_AGENT tag lets a person answer up to 7 days after the customer's last message (send spec §3.9); not a
    // customer known only from comments, who never wrote. A customer who never wrote at all is not judged, as above.
    private bool HumanAgentMayAnswer(string recipientId)
        => _windowOpenedAt.TryGetValue(recipientId, out var opened) ? _time.GetUtcNow() - opened < s_humanAgentWindow : !OnlyCommented(recipientId);

    private EmulatorWebhooks NewWebhooks()
    {
        var webhooks = new EmulatorWebhooks(_time);
        webhooks.AttemptRecorded += (_, attempt) => RaiseChanged("delivery");
        webhooks.ThreadOwnerChanged += igsid => RaiseChanged("thread", igsid);
        return webhooks;
    }

    // Every answered call to the messages edge joins its conversation's timeline, refused ones included.
    private void OnAnswered(EmulatedRequest request, RequestParameters parameters, EmulatedResponse answer)
    {
        var path = request.PathAndQuery.Split('?', 2)[0].TrimEnd('/');
        if (!path.EndsWith("/messages", StringComparison.Ordinal) || parameters.Body.ValueKind != JsonValueKind.Object
            || ConversationOf(parameters.Body) is not { } conversation)
        {
            return;
        }

        var accepted = answer.StatusCode == 200 && answer.Drop == EmulatedFault.None;
        string? messageId = null;
        if (accepted && answer.Body.Contains("\"message_id\"", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(answer.Body);
            messageId = document.RootElement.TryGetProperty("message_id", out var mid) ? mid.GetString() : null;
        }

        var kind = !accepted ? "refused" : parameters.Body.TryGetProperty("sender_action", out _) ? "action" : "message";
        _timeline.Add(new TimelineEntry(conversation, "business", kind, _time.GetUtcNow(), messageId, parameters.Body.GetRawText())
        {
            Status = answer.Drop == EmulatedFault.None ? answer.StatusCode : 0,
            Answer = answer.Drop == EmulatedFault.None ? answer.Body : null,
            Dropped = answer.Drop != EmulatedFault.None,
            TokenInUrl = (parameters.TokenLocation & EmulatedTokenLocation.Query) != 0,
            BodyFormat = request.BodyFormat,
        });
        RaiseChanged(kind, conversation);
    }

    internal void OnCustomerEvent(SimulatedEvent simulated)
    {
        _timeline.Add(new TimelineEntry(simulated.SenderId, "customer", simulated.Kind, simulated.Timestamp, simulated.MessageId, simulated.Json)
        {
            Delivery = simulated.Delivery,
        });
        RaiseChanged(simulated.Kind, simulated.SenderId);
        simulated.Delivery.ContinueWith(_ => RaiseChanged("delivery", simulated.SenderId), System.Threading.Tasks.TaskScheduler.Default);
    }

    private string? ConversationOf(JsonElement body)
    {
        if (body.TryGetProperty("recipient", out var recipient) && recipient.ValueKind == JsonValueKind.Object)
        {
            if (recipient.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } igsid)
            {
                return igsid;
            }

            if (CommentIdOf(body) is { } commentId)
            {
                return ConversationOfComment(commentId);
            }
        }

        return null;
    }
}
