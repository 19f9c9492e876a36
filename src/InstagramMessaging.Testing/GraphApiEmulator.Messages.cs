using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

// The messages edge: faults around the call, the platform's rate limits, Meta's validation of the body, the
// 24-hour window (or, for a private reply, the comment's own rules), then a delivered message or an accepted sender
// action.
public sealed partial class GraphApiEmulator
{
    private async Task<EmulatedResponse> MessagesAsync(EmulatedRequest request, RequestParameters parameters, string page, CancellationToken cancellationToken)
    {
        var (fault, early) = await FaultInjection.BeforeAsync(Faults, _time, cancellationToken).ConfigureAwait(false);
        if (early is not null)
        {
            return early;
        }

        if (!request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            return EmulatorResponses.Error(GraphError.InvalidParameter($"Unsupported {request.Method} request."));
        }

        return FaultInjection.After(fault, Send(parameters, page + "|" + parameters.Tokens[0]));
    }

    private EmulatedResponse Send(RequestParameters parameters, string account)
    {
        if (parameters.BodyError is { } bodyError)
        {
            return EmulatorResponses.Error(bodyError);
        }

        var body = parameters.Body;
        if (EnforceRateLimits)
        {
            // Private replies have their own budgets (live comments per second, post and reel comments per hour).
            var now = _time.GetUtcNow();
            var throttled = CommentIdOf(body) is { } replied
                ? _rateLimits.CheckPrivateReply(account, IsLiveComment(replied), now)
                : _rateLimits.Check(account, body, now);
            if (throttled is not null)
            {
                return EmulatorResponses.Error(throttled);
            }
        }

        var validator = new SendRequestValidator(_uploads.Contains, MultiImageAvailable);
        if (validator.Validate(body, out var recipientId, out var senderAction) is { } error)
        {
            return EmulatorResponses.Error(error);
        }

        // Conversation routing: while another app (the Page Inbox, say) owns the customer's thread, the Send API refuses
        // the app under test, messages and sender actions alike (spec error table: 100/2534037).
        if (CommentIdOf(body) is null && NotThreadOwner(recipientId) is { } routing)
        {
            return EmulatorResponses.Error(routing);
        }

        // A private reply needs no window (it answers a comment) but a comment that can still take one.
        var commentId = senderAction is null ? CommentIdOf(body) : null;
        if (commentId is null && IgUserIdAsRecipient(recipientId) is { } notIgsid)
        {
            return EmulatorResponses.Error(notIgsid);
        }

        if (commentId is not null)
        {
            if (PrivateReplyRecipient(commentId, out recipientId) is { } commentError)
            {
                return EmulatorResponses.Error(commentError);
            }
        }
        else if (senderAction is null && (_closedWindows.ContainsKey(recipientId) || WindowExpired(recipientId))
            && !(body.TryGetProperty("tag", out var tag) && tag.ValueKind == JsonValueKind.String && tag.GetString() == "HUMAN_AGENT" && HumanAgentMayAnswer(recipientId)))
        {
            return EmulatorResponses.Error(new GraphError(400, 10, 2534022, "(#10) This message is sent outside of allowed window."));
        }

        if (senderAction is not null)
        {
            var payload = body.TryGetProperty("payload", out var p) ? p : default;
            _state.Record(new EmulatedAction(
                recipientId,
                senderAction,
                payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("message_id", out var mid) ? mid.GetString() : null,
                payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("reaction", out var reaction) ? reaction.GetString() : null)
            {
                ReceivedAt = _time.GetUtcNow(),
            });
            return new EmulatedResponse(200, JsonSerializer.Serialize(new RecipientOnly(recipientId), EmulatorJsonContext.Default.RecipientOnly));
        }

        if (commentId is not null && !ClaimComment(commentId))
        {
            return EmulatorResponses.Error(CommentNotValid("it already has its one private reply."));
        }

        var messageId = NewMessageId();
        var delivered = new EmulatedMessage(messageId, recipientId, body) { DeliveredAt = _time.GetUtcNow() };
        _state.Deliver(delivered);
        OnMessageSent(delivered);
        return new EmulatedResponse(200, JsonSerializer.Serialize(new SendSuccess(recipientId, messageId), EmulatorJsonContext.Default.SendSuccess));
    }

    // 100/2534037 when an app other than the one under test owns the customer's thread; null when the thread is idle
    // or the app under test owns it.
    private GraphError? NotThreadOwner(string recipientId)
        => _webhooks is { } webhooks && webhooks.ThreadOwner(recipientId) is { } owner && owner != webhooks.AppId
            ? GraphError.InvalidParameter($"Not the thread owner: app {owner} controls this conversation (conversation routing). Take or be passed thread control before sending.", 2534037)
            : null;
}
