using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

/// <summary>
/// A customer of the Instagram account, played by the emulator: every action becomes the webhook event Meta would
/// deliver to the app (see <see cref="EmulatorWebhooks"/>). Get one from <see cref="GraphApiEmulator.User"/>.
/// </summary>
/// <remarks>
/// The customer can only do what Instagram lets a person do: tap quick replies and press postback buttons the business
/// offered them, react to, read and reply to messages of their conversation, edit (up to 5 times) and delete their own
/// messages. Anything else throws <see cref="InvalidOperationException"/> naming what was possible, which is how a test
/// finds a bot that routes a payload it never sends. Writing (a message or a postback) opens the 24-hour window, and so
/// does an ig.me link opened into an existing thread; a comment does not. Comments arrive as <c>changes</c> entries,
/// everything else as <c>messaging</c> items.
/// Each action's task completes when its event was delivered or given up, unless batching or reordering holds
/// events back (then use <see cref="EmulatorWebhooks.FlushAsync"/>). Thread-safe.
/// </remarks>
public sealed class SimulatedUser
{
    private const int MaxEdits = 5;
    private const int MaxCommentLength = 2200;
    private static readonly Dictionary<string, string> s_emoji = new(StringComparer.Ordinal)
    {
        ["love"] = "\u2764\ufe0f",
        ["like"] = "\ud83d\udc4d",
        ["laugh"] = "\ud83d\ude06",
        ["wow"] = "\ud83d\ude2e",
        ["sad"] = "\ud83d\ude22",
        ["angry"] = "\ud83d\ude21",
    };

    private readonly GraphApiEmulator _emulator;
    private readonly object _gate = new();
    private readonly Dictionary<string, CustomerMessage> _sent = new(StringComparer.Ordinal);
    private bool _wrote;
    private JsonObject? _pendingReferral;

    internal SimulatedUser(GraphApiEmulator emulator, string id)
    {
        _emulator = emulator;
        Id = id;
        IgUserId = MetaIds.IgUserId();
    }

    // The customer's Instagram user id: `from.id` of their comments (spec 4.17), not their IGSID; the emulator knows
    // which IGSID it belongs to, the app does not (it answers a comment with a private reply, not a send to this id).
    internal string IgUserId { get; }

    /// <summary>The customer's Instagram-scoped id (IGSID): <c>sender.id</c> of their events, the recipient of the business's sends.</summary>
    public string Id { get; }

    /// <summary>The quick-reply payloads the business has sent this customer, oldest first.</summary>
    public IReadOnlyList<string> OfferedQuickReplies => _emulator.OfferedQuickReplies(Id).Select(o => o.Payload).Distinct().ToArray();

    /// <summary>The postback payloads this customer can press: template buttons sent to them, ice breakers and the persistent menu.</summary>
    public IReadOnlyList<string> OfferedPostbacks => _emulator.OfferedPostbacks(Id).Select(o => o.Payload).Distinct().ToArray();

    /// <summary>Writes a text message (carrying the referral of an ig.me link opened into a new thread, if any: see <see cref="OpenLinkAsync"/>).</summary>
    /// <param name="text">What the customer types; any Unicode, emoji included.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the new message's mid.</returns>
    public Task<SimulatedEvent> SendTextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var mid = NewCustomerMessage();
        return EmitAsync("message", mid, WithPendingReferral(new JsonObject { ["mid"] = mid, ["text"] = text }), opensWindow: true, cancellationToken);
    }

    /// <summary>Sends an attachment, which reaches the app as a lookaside CDN URL, as Meta delivers it.</summary>
    /// <param name="type">
    /// The attachment type as Meta names it: <c>image</c>, <c>video</c>, <c>audio</c>, <c>file</c>, <c>ig_reel</c>,
    /// <c>reel</c>, <c>ig_post</c>, <c>share</c>, <c>story_mention</c>, <c>ig_story</c>, <c>ephemeral</c>,
    /// <c>unsupported_type</c>, <c>template</c>, or any other (the set is open).
    /// </param>
    /// <param name="url">The URL the app receives; a new CDN URL when null.</param>
    /// <param name="title">The caption, for reels and posts.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the new message's mid.</returns>
    public Task<SimulatedEvent> SendAttachmentAsync(string type = "image", Uri? url = null, string? title = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var mid = NewCustomerMessage();
        var attachment = new JsonObject { ["type"] = type };
        var mediaId = MetaIds.MediaId();
        var link = url?.ToString() ?? MetaIds.CdnUrl(mediaId);
        switch (type)
        {
            case "ephemeral":
                break; // view-once media: Meta delivers no URL
            case "template":
                attachment["payload"] = new JsonObject();
                break;
            case "ig_story" or "story":
                attachment["payload"] = new JsonObject { ["story_media_id"] = mediaId, ["story_media_url"] = link };
                break;
            case "ig_reel" or "reel":
                attachment["payload"] = WithTitle(new JsonObject { ["url"] = link }, title);
                attachment["payload"]!["reel_video_id"] = mediaId;
                break;
            case "ig_post" or "share":
                attachment["payload"] = WithTitle(new JsonObject { ["url"] = link }, title);
                attachment["payload"]!["ig_post_media_id"] = mediaId;
                break;
            default:
                attachment["payload"] = new JsonObject { ["url"] = link };
                break;
        }

        return EmitAsync("message", mid, WithPendingReferral(new JsonObject { ["mid"] = mid, ["attachments"] = new JsonArray(attachment) }), opensWindow: true, cancellationToken);
    }

    /// <summary>Taps a quick reply the business sent this customer: a message whose text is the button's title.</summary>
    /// <param name="payload">The quick reply's payload.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the new message's mid.</returns>
    /// <exception cref="InvalidOperationException">The business never offered this customer that payload; the message names those it did.</exception>
    public Task<SimulatedEvent> TapQuickReplyAsync(string payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(payload);
        var offer = Find(_emulator.OfferedQuickReplies(Id), payload, "quick reply", "quick replies sent to this customer");
        var mid = NewCustomerMessage();
        var content = new JsonObject { ["mid"] = mid, ["text"] = offer.Title, ["quick_reply"] = new JsonObject { ["payload"] = offer.Payload } };
        return EmitAsync("message", mid, content, opensWindow: true, cancellationToken);
    }

    /// <summary>Presses a postback button: a generic or button template's button sent to this customer, an ice breaker or a persistent-menu item.</summary>
    /// <param name="payload">The button's payload.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the postback's mid.</returns>
    /// <exception cref="InvalidOperationException">Nothing offered this customer that payload; the message names those that were.</exception>
    public Task<SimulatedEvent> PressPostbackAsync(string payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(payload);
        var offer = Find(_emulator.OfferedPostbacks(Id), payload, "postback", "template buttons sent to this customer, ice breakers and persistent menu");
        var mid = _emulator.NewMessageId();
        var content = new JsonObject { ["mid"] = mid, ["title"] = offer.Title, ["payload"] = offer.Payload };
        return EmitAsync("postback", mid, WithPendingReferral(content), opensWindow: true, cancellationToken);
    }

    /// <summary>Reacts to a message of the conversation; a new reaction replaces the customer's previous one.</summary>
    /// <param name="messageId">The message reacted to: the business's or the customer's own.</param>
    /// <param name="reaction">Meta's reaction name: <c>love</c>, <c>like</c>, <c>laugh</c>, <c>wow</c>, <c>sad</c>, <c>angry</c> or <c>other</c>.</param>
    /// <param name="emoji">The exact emoji; by default the one the reaction name stands for (required for <c>other</c>).</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the message reacted to.</returns>
    public Task<SimulatedEvent> ReactAsync(string messageId, string reaction = "love", string? emoji = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reaction);
        RequireInConversation(messageId, "react to");
        emoji ??= s_emoji.TryGetValue(reaction, out var known) ? known
            : throw new ArgumentException($"Give the emoji for the reaction '{reaction}'; only {string.Join(", ", s_emoji.Keys)} have a default.", nameof(emoji));
        var content = new JsonObject { ["mid"] = messageId, ["action"] = "react", ["reaction"] = reaction, ["emoji"] = emoji };
        return EmitAsync("reaction", messageId, content, opensWindow: false, cancellationToken);
    }

    /// <summary>Removes the customer's reaction from a message.</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the message.</returns>
    public Task<SimulatedEvent> UnreactAsync(string messageId, CancellationToken cancellationToken = default)
    {
        RequireInConversation(messageId, "unreact to");
        return EmitAsync("reaction", messageId, new JsonObject { ["mid"] = messageId, ["action"] = "unreact" }, opensWindow: false, cancellationToken);
    }

    /// <summary>Reads the business's messages up to this one (a <c>messaging_seen</c> read receipt).</summary>
    /// <param name="messageId">The last message read: one the business sent this customer.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the message read.</returns>
    public Task<SimulatedEvent> ReadAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (!SentByBusiness(messageId))
        {
            throw new InvalidOperationException($"Customer {Id} can only read messages the business sent them; '{messageId}' is not one.");
        }

        return EmitAsync("read", messageId, new JsonObject { ["mid"] = messageId }, opensWindow: false, cancellationToken);
    }

    /// <summary>Edits one of the customer's own messages (Instagram allows 5 edits).</summary>
    /// <param name="messageId">The customer's message.</param>
    /// <param name="text">The new text.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the edited message.</returns>
    public Task<SimulatedEvent> EditAsync(string messageId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        int edits;
        lock (_gate)
        {
            var own = RequireOwnLocked(messageId, "edit");
            if (own.Edits >= MaxEdits)
            {
                throw new InvalidOperationException($"Message '{messageId}' was already edited {MaxEdits} times, the most Instagram allows.");
            }

            edits = ++own.Edits;
        }

        var content = new JsonObject { ["mid"] = messageId, ["text"] = text, ["num_edit"] = edits };
        return EmitAsync("message_edit", messageId, content, opensWindow: false, cancellationToken);
    }

    /// <summary>Deletes (unsends) one of the customer's own messages.</summary>
    /// <param name="messageId">The customer's message.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the deleted message.</returns>
    public Task<SimulatedEvent> DeleteAsync(string messageId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            RequireOwnLocked(messageId, "delete").Deleted = true;
        }

        return EmitAsync("message", messageId, new JsonObject { ["mid"] = messageId, ["is_deleted"] = true }, opensWindow: false, cancellationToken);
    }

    /// <summary>Replies inline to a message of the conversation (the business's or the customer's own).</summary>
    /// <param name="messageId">The message quoted.</param>
    /// <param name="text">The reply.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the reply's new mid.</returns>
    public Task<SimulatedEvent> ReplyToAsync(string messageId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var own = RequireInConversation(messageId, "reply to");
        var mid = NewCustomerMessage();
        var content = new JsonObject
        {
            ["mid"] = mid,
            ["text"] = text,
            ["reply_to"] = new JsonObject { ["mid"] = messageId, ["is_self_reply"] = own },
        };
        return EmitAsync("message", mid, content, opensWindow: true, cancellationToken);
    }

    /// <summary>
    /// Taps a Click-to-Direct ad and writes from it: a message whose <c>referral</c> names the ad (spec 4.5), as
    /// <c>message{mid, text, referral{ref?, ad_id, source: "ADS", type: "OPEN_THREAD", ads_context_data{ad_title,
    /// photo_url | video_url}}}</c>. The ad's referral replaces that of an ig.me link still waiting for the first message.
    /// </summary>
    /// <param name="text">What the customer writes (the ad's prefilled greeting, or their own).</param>
    /// <param name="adId">The ad's id; a realistic new one (18 digits) when null.</param>
    /// <param name="ref">The <c>ref</c> the ad set, if any (omitted from the referral when null).</param>
    /// <param name="adTitle">The ad's headline (<c>ads_context_data.ad_title</c>); <c>Instagram ad</c> when null.</param>
    /// <param name="photoUrl">The ad's image (<c>photo_url</c>); a Meta CDN URL when neither this nor <paramref name="videoUrl"/> is given.</param>
    /// <param name="videoUrl">The ad's video (<c>video_url</c>), for a video ad; not together with <paramref name="photoUrl"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the new message's mid.</returns>
    public Task<SimulatedEvent> ClickAdAsync(
        string text,
        string? adId = null,
        string? @ref = null,
        string? adTitle = null,
        Uri? photoUrl = null,
        Uri? videoUrl = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        RequireNullOrText(adId, nameof(adId));
        RequireNullOrText(@ref, nameof(@ref));
        RequireNullOrText(adTitle, nameof(adTitle));
        RequireNullOrWebUrl(photoUrl, nameof(photoUrl));
        RequireNullOrWebUrl(videoUrl, nameof(videoUrl));
        if (photoUrl is not null && videoUrl is not null)
        {
            throw new ArgumentException("An ad has a photo or a video, not both: give photoUrl or videoUrl.", nameof(videoUrl));
        }

        var context = new JsonObject { ["ad_title"] = adTitle ?? "Instagram ad" };
        if (videoUrl is not null)
        {
            context["video_url"] = videoUrl.ToString();
        }
        else
        {
            context["photo_url"] = photoUrl?.ToString() ?? MetaIds.AdPhotoUrl();
        }

        var referral = new JsonObject();
        if (@ref is not null)
        {
            referral["ref"] = @ref;
        }

        referral["ad_id"] = adId ?? MetaIds.AdId();
        referral["source"] = "ADS";
        referral["type"] = "OPEN_THREAD";
        referral["ads_context_data"] = context;
        var mid = NewCustomerMessage();
        lock (_gate)
        {
            _pendingReferral = null;
            _wrote = true;
        }

        return EmitAsync("message", mid, new JsonObject { ["mid"] = mid, ["text"] = text, ["referral"] = referral }, opensWindow: true, cancellationToken);
    }

    /// <summary>
    /// Writes from a product of the account's Instagram Shop (the product page's "Message" button): a message whose
    /// <c>referral</c> names the product (spec 4.5), as <c>message{mid, text, referral{product{id}}}</c>. Like an ad's,
    /// the product's referral replaces that of an ig.me link still waiting for the first message.
    /// </summary>
    /// <param name="text">What the customer writes about the product.</param>
    /// <param name="productId">The catalog product's id; a realistic new one (16 digits) when null.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the new message's mid (the customer's own message: it opens the window).</returns>
    public Task<SimulatedEvent> WriteFromProductAsync(string text, string? productId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        RequireNullOrText(productId, nameof(productId));
        var referral = new JsonObject { ["product"] = new JsonObject { ["id"] = productId ?? MetaIds.ProductId() } };
        var mid = NewCustomerMessage();
        lock (_gate)
        {
            _pendingReferral = null;
            _wrote = true;
        }

        return EmitAsync("message", mid, new JsonObject { ["mid"] = mid, ["text"] = text, ["referral"] = referral }, opensWindow: true, cancellationToken);
    }

    /// <summary>
    /// Opens an ig.me link to the account (<c>ig.me/m/&lt;username&gt;?ref=…</c>). Meta's answer depends on the thread
    /// (spec 4.5, 4.13), and the result says which happened:
    /// <list type="bullet">
    /// <item>an existing thread (the customer or the business already wrote): a standalone
    /// <c>referral{ref, source, type: "OPEN_THREAD"}</c> event is delivered at once and reopens the 24-hour window
    /// (<see cref="SimulatedLinkOpening.Event"/>); a link without <c>ref</c> sends nothing;</item>
    /// <item>a new thread: nothing is delivered (<see cref="SimulatedLinkOpening.IsNewThread"/>); the customer's next
    /// message (<see cref="SendTextAsync"/>, <see cref="SendAttachmentAsync"/>) or ice breaker
    /// (<see cref="PressPostbackAsync"/>) carries the referral in <c>message.referral</c> / <c>postback.referral</c>.
    /// Opening another link before writing replaces it.</item>
    /// </list>
    /// </summary>
    /// <param name="ref">The link's <c>ref</c> parameter; null for a link without one.</param>
    /// <param name="source">The referral's <c>source</c>: <c>SHORTLINK</c> by default (Meta also writes <c>SHORTLINKS</c>; an open set).</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>
    /// What happened: the standalone referral event (delivered when the task completes, unless batching holds it back),
    /// or that the referral waits for the customer's first message, or that nothing was sent.
    /// </returns>
    public async Task<SimulatedLinkOpening> OpenLinkAsync(string? @ref = null, string source = "SHORTLINK", CancellationToken cancellationToken = default)
    {
        RequireNullOrText(@ref, nameof(@ref));
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var referral = new JsonObject();
        if (@ref is not null)
        {
            referral["ref"] = @ref;
        }

        referral["source"] = source;
        referral["type"] = "OPEN_THREAD";
        lock (_gate)
        {
            if (!_wrote && _emulator.Conversation(Id).Count == 0)
            {
                _pendingReferral = referral;
                return new SimulatedLinkOpening(@ref, source, isNewThread: true, simulated: null);
            }
        }

        if (@ref is null)
        {
            return new SimulatedLinkOpening(@ref, source, isNewThread: false, simulated: null);
        }

        var simulated = await EmitAsync("referral", string.Empty, referral, opensWindow: true, cancellationToken).ConfigureAwait(false);
        return new SimulatedLinkOpening(@ref, source, isNewThread: false, simulated);
    }

    /// <summary>
    /// Replies to one of the account's stories: a message whose <c>reply_to</c> names the story (spec 4.4), as
    /// <c>message{mid, text, reply_to{story{id, url, link_sticker_url?}}}</c>.
    /// </summary>
    /// <param name="text">The reply.</param>
    /// <param name="storyId">The story's media id; a realistic new one when null.</param>
    /// <param name="linkStickerUrl">The link sticker's URL when the story had one (<c>link_sticker_url</c>, omitted when null).</param>
    /// <param name="storyUrl">The story's media URL as delivered; a lookaside CDN URL when null.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the reply's new mid (the customer's own message: it can be edited and deleted).</returns>
    public Task<SimulatedEvent> ReplyToStoryAsync(string text, string? storyId = null, Uri? linkStickerUrl = null, Uri? storyUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        RequireNullOrText(storyId, nameof(storyId));
        RequireNullOrWebUrl(linkStickerUrl, nameof(linkStickerUrl));
        RequireNullOrWebUrl(storyUrl, nameof(storyUrl));
        storyId ??= MetaIds.MediaId();
        var story = new JsonObject { ["id"] = storyId, ["url"] = storyUrl?.ToString() ?? MetaIds.CdnUrl(storyId) };
        if (linkStickerUrl is not null)
        {
            story["link_sticker_url"] = linkStickerUrl.ToString();
        }

        var mid = NewCustomerMessage();
        var content = new JsonObject { ["mid"] = mid, ["text"] = text, ["reply_to"] = new JsonObject { ["story"] = story } };
        return EmitAsync("message", mid, content, opensWindow: true, cancellationToken);
    }

    /// <summary>
    /// Comments on one of the account's posts, or replies to a comment there: a <c>changes</c> entry with
    /// <c>field: "comments"</c> and <c>value{from{id, username}, media{id, media_product_type}, id, parent_id?, text}</c>
    /// (spec 4.17), in a POST of its own with Meta's <c>", "</c>/<c>": "</c> spacing and <c>entry.time</c> in epoch
    /// seconds. <c>from.id</c> is the customer's Instagram user id, stable per customer, not their IGSID (a send to it is
    /// refused with 100/2534014). A comment is not a message: it does not open the 24-hour window. The business may answer it with one
    /// private reply (<c>recipient{comment_id}</c>) within 7 days; that reply joins this customer's conversation.
    /// </summary>
    /// <param name="text">The comment (at most 2,200 characters, Instagram's limit).</param>
    /// <param name="mediaId">The post commented on; a realistic new media id when null.</param>
    /// <param name="parentCommentId">The comment this one replies to (<c>parent_id</c>), or null for a top-level comment.</param>
    /// <param name="username">The customer's Instagram username (<c>from.username</c>); <c>customer_</c> and the IGSID's last 6 digits when null.</param>
    /// <param name="mediaProductType">The post's <c>media_product_type</c>: <c>FEED</c> by default, or <c>REELS</c>, <c>AD</c>, … (an open set).</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>
    /// The event: <see cref="SimulatedEvent.Kind"/> <c>comments</c>, <see cref="SimulatedEvent.MessageId"/> the new
    /// comment id (<c>value.id</c>), <see cref="SimulatedEvent.Json"/> the change as written.
    /// </returns>
    public Task<SimulatedEvent> CommentAsync(
        string text,
        string? mediaId = null,
        string? parentCommentId = null,
        string? username = null,
        string mediaProductType = "FEED",
        CancellationToken cancellationToken = default)
    {
        RequireComment(text);
        RequireNullOrText(mediaId, nameof(mediaId));
        RequireNullOrText(parentCommentId, nameof(parentCommentId));
        RequireNullOrText(username, nameof(username));
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaProductType);
        var commentId = MetaIds.CommentId();
        var value = new JsonObject
        {
            ["from"] = From(username),
            ["media"] = new JsonObject { ["id"] = mediaId ?? MetaIds.MediaId(), ["media_product_type"] = mediaProductType },
            ["id"] = commentId,
        };
        if (parentCommentId is not null)
        {
            value["parent_id"] = parentCommentId;
        }

        value["text"] = text;
        return EmitChangeAsync("comments", commentId, value, commentId, null, cancellationToken);
    }

    /// <summary>
    /// Comments on the account's running live broadcast: a <c>changes</c> entry with <c>field: "live_comments"</c> and
    /// <c>value{from{id, username}, media{id, media_product_type: "LIVE"}, id, text}</c> (spec 4.17), written like
    /// <see cref="CommentAsync"/>'s. The business may answer it with one private reply, but only while the broadcast
    /// runs (send spec 3.8). Meta documents no <c>media_product_type</c> value for live media; the emulator writes
    /// <c>LIVE</c>.
    /// </summary>
    /// <param name="broadcast">The broadcast, from this emulator's <see cref="GraphApiEmulator.StartLiveBroadcast"/>.</param>
    /// <param name="text">The comment (at most 2,200 characters).</param>
    /// <param name="username">The customer's username (<c>from.username</c>); as for <see cref="CommentAsync"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event: <see cref="SimulatedEvent.Kind"/> <c>live_comments</c>, <see cref="SimulatedEvent.MessageId"/> the new comment id.</returns>
    /// <exception cref="InvalidOperationException">
    /// The broadcast has ended (comments on live media stop with it), or another emulator started it.
    /// </exception>
    public Task<SimulatedEvent> CommentOnLiveAsync(EmulatedLiveBroadcast broadcast, string text, string? username = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        RequireComment(text);
        RequireNullOrText(username, nameof(username));
        if (!broadcast.IsLive)
        {
            throw new InvalidOperationException($"The live broadcast {broadcast.MediaId} has ended: comments on live media stop with the broadcast.");
        }

        if (!_emulator.Owns(broadcast))
        {
            throw new InvalidOperationException($"The live broadcast {broadcast.MediaId} was not started by this emulator; start one with GraphApiEmulator.StartLiveBroadcast.");
        }

        var commentId = MetaIds.CommentId();
        var value = new JsonObject
        {
            ["from"] = From(username),
            ["media"] = new JsonObject { ["id"] = broadcast.MediaId, ["media_product_type"] = "LIVE" },
            ["id"] = commentId,
            ["text"] = text,
        };
        return EmitChangeAsync("live_comments", commentId, value, commentId, broadcast, cancellationToken);
    }

    /// <summary>
    /// @mentions the account in a comment on a post (typically someone else's). What arrives depends on
    /// <see cref="EmulatorWebhooks.LoginFlavor"/> (spec 4.17): with Facebook Login, a <c>changes</c> entry with
    /// <c>field: "mentions"</c> and <c>value{media_id, comment_id}</c>; with Instagram Login, which has no
    /// <c>mentions</c> field, the comment itself as a <c>comments</c> change (as <see cref="CommentAsync"/> writes it,
    /// which the business can answer privately).
    /// </summary>
    /// <param name="text">The comment, such as <c>@yourshop look at this!</c> (at most 2,200 characters).</param>
    /// <param name="mediaId">The post the comment is on; a realistic new media id when null.</param>
    /// <param name="username">The customer's username (Instagram Login's <c>from.username</c>); as for <see cref="CommentAsync"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>
    /// The event: <see cref="SimulatedEvent.Kind"/> <c>mentions</c> or <c>comments</c>, <see cref="SimulatedEvent.MessageId"/>
    /// the new comment id.
    /// </returns>
    public Task<SimulatedEvent> MentionInCommentAsync(string text, string? mediaId = null, string? username = null, CancellationToken cancellationToken = default)
    {
        if (_emulator.Webhooks.LoginFlavor == WebhookLoginFlavor.InstagramLogin)
        {
            return CommentAsync(text, mediaId, username: username, cancellationToken: cancellationToken);
        }

        RequireComment(text);
        RequireNullOrText(mediaId, nameof(mediaId));
        RequireNullOrText(username, nameof(username));
        var commentId = MetaIds.CommentId();
        var value = new JsonObject { ["media_id"] = mediaId ?? MetaIds.MediaId(), ["comment_id"] = commentId };
        return EmitChangeAsync("mentions", commentId, value, comment: null, live: null, cancellationToken);
    }

    /// <summary>
    /// @mentions the account in the caption of one of the customer's posts. With Facebook Login a <c>changes</c> entry
    /// with <c>field: "mentions"</c> and <c>value{media_id}</c> (no <c>comment_id</c>) arrives; Instagram Login delivers
    /// nothing for it (spec 4.17), and the result is null.
    /// </summary>
    /// <param name="mediaId">The post whose caption mentions the account; a realistic new media id when null.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>
    /// The event (<see cref="SimulatedEvent.Kind"/> <c>mentions</c>, an empty <see cref="SimulatedEvent.MessageId"/>), or
    /// null when the login flavour delivers nothing.
    /// </returns>
    public async Task<SimulatedEvent?> MentionInCaptionAsync(string? mediaId = null, CancellationToken cancellationToken = default)
    {
        RequireNullOrText(mediaId, nameof(mediaId));
        cancellationToken.ThrowIfCancellationRequested();
        if (_emulator.Webhooks.LoginFlavor == WebhookLoginFlavor.InstagramLogin)
        {
            return null;
        }

        var value = new JsonObject { ["media_id"] = mediaId ?? MetaIds.MediaId() };
        return await EmitChangeAsync("mentions", string.Empty, value, comment: null, live: null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => "Simulated customer " + Id;

    private async Task<SimulatedEvent> EmitAsync(string key, string messageId, JsonObject content, bool opensWindow, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var webhooks = _emulator.Webhooks;
        var timestamp = _emulator.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var item = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = Id },
            ["recipient"] = new JsonObject { ["id"] = webhooks.AccountId },
            ["timestamp"] = timestamp,
            [key] = content,
        };
        if (opensWindow)
        {
            _emulator.OpenWindow(Id);
        }

        if (key is "message" or "postback")
        {
            lock (_gate)
            {
                _wrote = true;
            }
        }

        var (delivery, json) = webhooks.Publish(item);
        var simulated = new SimulatedEvent(key, Id, webhooks.AccountId, messageId, DateTimeOffset.FromUnixTimeMilliseconds(timestamp), json, delivery);
        _emulator.OnCustomerEvent(simulated);
        if (!webhooks.HoldsEvents)
        {
            await delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return simulated;
    }

    // `comment`: the id of a comment the business may answer privately, on `live` media or not, registered before the
    // webhook goes out (an app may answer it at once); null for a mention (send spec 3.8 names only comments and
    // live_comments as sources of private replies).
    private async Task<SimulatedEvent> EmitChangeAsync(string field, string id, JsonObject value, string? comment, EmulatedLiveBroadcast? live, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var webhooks = _emulator.Webhooks;
        var timestamp = _emulator.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _emulator.OnIgUserSeen(IgUserId, Id);
        if (comment is not null)
        {
            _emulator.OnComment(comment, Id, DateTimeOffset.FromUnixTimeMilliseconds(timestamp), live);
        }

        var (delivery, json) = webhooks.PublishChange(new JsonObject { ["value"] = value, ["field"] = field }, timestamp);
        var simulated = new SimulatedEvent(field, Id, webhooks.AccountId, id, DateTimeOffset.FromUnixTimeMilliseconds(timestamp), json, delivery);
        _emulator.OnCustomerEvent(simulated);
        if (!webhooks.HoldsEvents)
        {
            await delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return simulated;
    }

    // The referral of an ig.me link opened into a new thread rides on the customer's first message or postback.
    private JsonObject WithPendingReferral(JsonObject content)
    {
        lock (_gate)
        {
            // One step with the "wrote" flag: a link opened at the same moment either rides this message or finds
            // the thread existing (a standalone referral), never lost between the two.
            _wrote = true;
            if (_pendingReferral is { } referral)
            {
                content["referral"] = referral;
                _pendingReferral = null;
            }
        }

        return content;
    }

    private static void RequireComment(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (text.EnumerateRunes().Count() > MaxCommentLength)
        {
            throw new ArgumentException($"An Instagram comment holds at most {MaxCommentLength} characters; this one has {text.EnumerateRunes().Count()}.", nameof(text));
        }
    }

    private JsonObject From(string? username)
        => new() { ["id"] = IgUserId, ["username"] = username ?? "customer_" + Id[^Math.Min(6, Id.Length)..] };

    private static void RequireNullOrText(string? value, string name)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value cannot be empty or white space; pass null to leave it out.", name);
        }
    }

    private static void RequireNullOrWebUrl(Uri? url, string name)
    {
        if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"The URL must be an absolute http or https URL; got '{url}'.", name);
        }
    }

    private string NewCustomerMessage()
    {
        var mid = _emulator.NewMessageId();
        lock (_gate)
        {
            _sent[mid] = new CustomerMessage();
        }

        return mid;
    }

    private CustomerMessage RequireOwnLocked(string messageId, string verb)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (!_sent.TryGetValue(messageId, out var own))
        {
            throw new InvalidOperationException($"Customer {Id} can only {verb} their own messages; '{messageId}' is not one.");
        }

        if (own.Deleted)
        {
            throw new InvalidOperationException($"Message '{messageId}' was deleted; it cannot be changed.");
        }

        return own;
    }

    // Returns whether the message is the customer's own.
    private bool RequireInConversation(string messageId, string verb)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        lock (_gate)
        {
            if (_sent.TryGetValue(messageId, out var own))
            {
                return !own.Deleted ? true : throw new InvalidOperationException($"Message '{messageId}' was deleted; customer {Id} cannot {verb} it.");
            }
        }

        return SentByBusiness(messageId)
            ? false
            : throw new InvalidOperationException($"Customer {Id} can only {verb} messages of their conversation; '{messageId}' is not one.");
    }

    private bool SentByBusiness(string messageId) => _emulator.Conversation(Id).Any(m => m.MessageId == messageId);

    private OfferedPayload Find(List<OfferedPayload> offered, string payload, string what, string where)
    {
        // The newest offer wins when the same payload was offered with different titles.
        if (offered.LastOrDefault(o => o.Payload == payload) is { } offer)
        {
            return offer;
        }

        var names = offered.Select(o => "'" + o.Payload + "'").Distinct().ToArray();
        throw new InvalidOperationException(names.Length == 0
            ? $"Customer {Id} cannot use the {what} payload '{payload}': nothing offered them any ({where})."
            : $"Customer {Id} cannot use the {what} payload '{payload}': it was never offered to them. Offered ({where}): {string.Join(", ", names)}.");
    }

    private static JsonObject WithTitle(JsonObject payload, string? title)
    {
        if (title is not null)
        {
            payload["title"] = title;
        }

        return payload;
    }
}
