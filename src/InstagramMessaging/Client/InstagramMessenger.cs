using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Rules;
using InstagramMessaging.Serialization;
using InstagramMessaging.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static InstagramMessaging.MessengerGuards;

namespace InstagramMessaging;

/// <summary>
/// Sends Instagram messages through the Graph API: <c>POST {BaseAddress}{ApiVersion}/{PageId}/messages</c>
/// with the token in <c>Authorization: Bearer</c>. Thread-safe; share one instance per account.
/// </summary>
/// <remarks>
/// A façade: each operation checks its arguments, writes its body (<c>Serialization/</c>) and hands the call to
/// the transport (<c>Transport/GraphTransport</c>), whose ordered steps do telemetry, retry, pacing, auth, the
/// exchange and the answer.
/// </remarks>
public sealed class InstagramMessenger
{
    private readonly GraphTransport _transport;
    private readonly bool _sendImagesSeparately;

    /// <summary>Creates a client over <paramref name="httpClient"/>, which may come from <c>IHttpClientFactory</c>.</summary>
    /// <param name="httpClient">The client requests go through; its own <c>BaseAddress</c> is not used.</param>
    /// <param name="options">Token, host, version, page, retries and rates; validated here.</param>
    /// <param name="timeProvider">The clock for <c>appsecret_time</c>, retry delays and pacing; the system clock by default.</param>
    /// <param name="rateLimiter">Paces sends per account; by default one shared by every messenger in the process with the same rates.</param>
    /// <param name="logger">Where the client logs; nothing it logs holds the token.</param>
    /// <exception cref="InvalidOperationException">An option cannot work; the message names it.</exception>
    public InstagramMessenger(HttpClient httpClient, InstagramMessengerOptions options, TimeProvider? timeProvider = null, IInstagramRateLimiter? rateLimiter = null, ILogger<InstagramMessenger>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _sendImagesSeparately = options.SendImagesSeparatelyWhenMultiImageUnavailable;
        _transport = new GraphTransport(httpClient, options, timeProvider, rateLimiter, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>
    /// Validates <paramref name="message"/> and sends it. Nothing is sent when a rule is broken.
    /// </summary>
    /// <exception cref="InstagramMessageValidationException">The message breaks a platform rule; no request was made.</exception>
    /// <exception cref="InstagramFeatureUnavailableException">Several images, on an account without multi-image sending, and the fallback is off.</exception>
    /// <exception cref="InstagramApiException">The Graph API answered with an error.</exception>
    public async Task<SendResult> SendAsync(Recipient recipient, IInstagramMessage message, SendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        RequireRecipient(recipient);
        ThrowIfInvalid(message.Validate());

        using var body = new PooledBufferWriter();
        message.WriteTo(body, recipient, options);
        var trafficClass = message is IAudioVideoMessage ? TrafficClass.AudioVideo : TrafficClass.Text;
        try
        {
            var call = new GraphCall(HttpMethod.Post, _transport.Messages, body.WrittenMemory, trafficClass, cancellationToken) { RecipientId = recipient.Kind == RecipientKind.User ? recipient.Value : null };
            return AnswerMapper.ToSendResult(await _transport.SendAsync(call).ConfigureAwait(false));
        }
        catch (InstagramFeatureUnavailableException) when (_sendImagesSeparately && message is IMultiImageMessage images && images.GetImages().Count > 1)
        {
            return await MultiImageFallback.SendAsync(_transport, recipient, images, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reacts to a message (<c>sender_action:"react"</c>); sending again with another reaction changes it.</summary>
    /// <param name="recipient">The conversation.</param>
    /// <param name="messageId">The message to react to.</param>
    /// <param name="reaction"><c>love</c> (the value Meta documents for this API); Instagram Login accounts also take an emoji.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<SendResult> ReactAsync(Recipient recipient, string messageId, string reaction = "love", CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reaction);
        using var body = new PooledBufferWriter(256);
        RequestBodies.Reaction(body, recipient, messageId, reaction);
        return AnswerMapper.ToSendResult(await _transport.PostAsync(_transport.Messages, body.WrittenMemory, TrafficClass.Text, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes the business's reaction from a message (<c>sender_action:"unreact"</c>).</summary>
    public async Task<SendResult> UnreactAsync(Recipient recipient, string messageId, CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        using var body = new PooledBufferWriter(256);
        RequestBodies.Unreaction(body, recipient, messageId);
        return AnswerMapper.ToSendResult(await _transport.PostAsync(_transport.Messages, body.WrittenMemory, TrafficClass.Text, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends the heart sticker (<c>like_heart</c>), the one sticker Instagram documents for sending.</summary>
    public async Task<SendResult> SendHeartAsync(Recipient recipient, CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        using var body = new PooledBufferWriter(256);
        RequestBodies.Heart(body, recipient);
        return AnswerMapper.ToSendResult(await _transport.PostAsync(_transport.Messages, body.WrittenMemory, TrafficClass.Text, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends a typing indicator or marks the conversation seen; a request of its own, never with a message.</summary>
    public async Task<SendResult> SendSenderActionAsync(Recipient recipient, SenderAction action, CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        using var body = new PooledBufferWriter(256);
        RequestBodies.SenderAction(body, recipient, action);
        return AnswerMapper.ToSendResult(await _transport.PostAsync(_transport.Messages, body.WrittenMemory, TrafficClass.Text, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Uploads media Meta fetches from <paramref name="url"/> (<c>message_attachments</c>, <c>platform=instagram</c>)
    /// and returns a reusable id to send it by.
    /// </summary>
    /// <exception cref="InstagramMessageValidationException">The URL is not absolute http(s) or of a type <paramref name="kind"/> takes; nothing was sent.</exception>
    public async Task<AttachmentId> UploadAttachmentAsync(MediaKind kind, Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        List<MessageRuleViolation>? violations = null;
        ContractValidation.CheckMedia(ref violations, kind, MediaSource.FromUrl(url), nameof(url));
        ThrowIfInvalid(violations);

        using var body = new PooledBufferWriter();
        RequestBodies.UploadFromUrl(body, kind, url);
        return AnswerMapper.ToAttachmentId(await _transport.PostAsync(_transport.Endpoint("message_attachments"), body.WrittenMemory, TrafficClass.Text, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Uploads media from a stream as <c>multipart/form-data</c> (<c>filedata</c>) and returns a reusable id to send it by.
    /// The size (8 MB for images, 25 MB otherwise) and the file name's type are checked before anything is sent.
    /// </summary>
    /// <exception cref="InstagramMessageValidationException">Too large, or a type <paramref name="kind"/> does not take; nothing was sent.</exception>
    public async Task<AttachmentId> UploadAttachmentAsync(MediaKind kind, Stream content, string fileName, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var data = await MediaUpload.ReadCheckedAsync(kind, content, fileName, cancellationToken).ConfigureAwait(false);
        var trafficClass = MediaKinds.For(kind).CountsAsAudioVideo ? TrafficClass.AudioVideo : TrafficClass.Text;
        var form = () => RequestBodies.UploadForm(kind, data, fileName, contentType);
        return AnswerMapper.ToAttachmentId(await _transport.SendAsync(new GraphCall(HttpMethod.Post, _transport.Endpoint("message_attachments"), form, trafficClass, cancellationToken)).ConfigureAwait(false));
    }

    /// <summary>Sets the ice breakers (<c>messenger_profile</c>, <c>platform=instagram</c>): at most 4 per locale, and a <c>default</c> locale.</summary>
    /// <exception cref="InstagramMessageValidationException">A rule is broken; nothing was sent.</exception>
    public async Task SetIceBreakersAsync(IReadOnlyList<IceBreakerSet> iceBreakers, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ProfileValidation.CheckIceBreakers(iceBreakers));
        await _transport.PostAsync(_transport.Endpoint("messenger_profile?platform=instagram"), ProfileJson.IceBreakers(iceBreakers), TrafficClass.Text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the ice breakers currently set.</summary>
    public async Task<IReadOnlyList<IceBreakerSet>> GetIceBreakersAsync(CancellationToken cancellationToken = default)
        => ProfileJson.ReadIceBreakers(await _transport.GetAsync(_transport.Endpoint("messenger_profile?fields=ice_breakers&platform=instagram"), cancellationToken).ConfigureAwait(false));

    /// <summary>Removes the ice breakers.</summary>
    public Task DeleteIceBreakersAsync(CancellationToken cancellationToken = default)
        => _transport.DeleteAsync(_transport.Endpoint("messenger_profile?platform=instagram"), RequestBodies.DeleteProfileField("ice_breakers"), cancellationToken).AsTask();

    /// <summary>Sets the persistent menu (<c>web_url</c> and <c>postback</c> items; a <c>default</c> locale is required).</summary>
    /// <exception cref="InstagramMessageValidationException">A rule is broken; nothing was sent.</exception>
    public async Task SetPersistentMenuAsync(IReadOnlyList<PersistentMenu> menus, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ProfileValidation.CheckPersistentMenu(menus));
        await _transport.PostAsync(_transport.Endpoint("messenger_profile?platform=instagram"), ProfileJson.PersistentMenu(menus), TrafficClass.Text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the persistent menu currently set.</summary>
    public async Task<IReadOnlyList<PersistentMenu>> GetPersistentMenuAsync(CancellationToken cancellationToken = default)
        => ProfileJson.ReadPersistentMenu(await _transport.GetAsync(_transport.Endpoint("messenger_profile?fields=persistent_menu&platform=instagram"), cancellationToken).ConfigureAwait(false));

    /// <summary>Removes the persistent menu.</summary>
    public Task DeletePersistentMenuAsync(CancellationToken cancellationToken = default)
        => _transport.DeleteAsync(_transport.Endpoint("messenger_profile?platform=instagram"), RequestBodies.DeleteProfileField("persistent_menu"), cancellationToken).AsTask();
}
