using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

/// <summary>
/// The emulator's webhook side: it posts what the simulated customer does, and echoes of the business's own sends,
/// to the app's callback exactly as Meta does (escaped-Unicode bodies, <c>X-Hub-Signature-256</c> and
/// <c>X-Hub-Signature</c>), retries a delivery that is not answered 200 in time, records every attempt, and injects
/// the faults of <see cref="Faults"/>.
/// </summary>
/// <remarks>
/// <para>Awaiting: without batching or reordering, a customer action's task completes once its event was delivered
/// (answered 200) or the emulator gave up after the last retry. With <see cref="WebhookFaults.BatchSize"/> or
/// <see cref="WebhookFaults.ReorderWindow"/> above 1, actions complete at once and their events wait until a batch is
/// full, <see cref="FlushWindow"/> has passed, or <see cref="FlushAsync"/> is called; <see cref="SimulatedEvent.Delivery"/>
/// tells when each was delivered. Echoes never hold up the Send API call; <see cref="FlushAsync"/> waits for them.</para>
/// <para>Waits (delays, back-off, timeouts, the flush window) run on the emulator's <see cref="TimeProvider"/>.
/// Thread-safe.</para>
/// <para>Beyond plain delivery, as Meta does: the subscription is disabled after deliveries kept failing for
/// <see cref="DisableAfter"/>; a thread another app owns gets its events in <c>standby</c>
/// (<see cref="PassThreadControlAsync"/>); <see cref="SendDashboardTestAsync"/> posts the dashboard's Test sample; and
/// <see cref="Quirks"/> switches on what real deliveries were observed doing beyond Meta's documentation.</para>
/// </remarks>
public sealed partial class EmulatorWebhooks
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<PendingWebhookEvent> _pending = new();
    private readonly ConcurrentQueue<WebhookDeliveryAttempt> _attempts = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    // One client for every emulator's real-HTTP deliveries: emulators are not disposable, so none may own sockets.
    private static readonly Lazy<HttpClient> s_http = new(() => new HttpClient(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    { Timeout = System.Threading.Timeout.InfiniteTimeSpan });

    private WebhookTarget? _target;
    private Task _heldRounds = Task.CompletedTask;
    private long _generation;
    private long _deliveries;
    private long _totalAttempts;
    private int _recorded;
    private string _instagramLoginAppSecret;
    private string _facebookLoginAppSecret;
    private string _verifyToken = RandomHex(12);
    private string _accountId = MetaIds.AccountId();
    private TimeSpan _timeout = TimeSpan.FromSeconds(5);
    private IReadOnlyList<TimeSpan> _retryDelays = new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30) };
    private int _maxRecordedAttempts = 10_000;
    private TimeSpan _flushWindow = TimeSpan.FromMilliseconds(100);

    internal EmulatorWebhooks(TimeProvider time)
    {
        _time = time;
        _instagramLoginAppSecret = _facebookLoginAppSecret = RandomHex(16);
    }

    /// <summary>
    /// The secret deliveries are signed with: the secret of <see cref="LoginFlavor"/>'s subscription. Setting it sets the
    /// secret of both flavours (one secret for everything, the common case in tests); set
    /// <see cref="InstagramLoginAppSecret"/> and <see cref="FacebookLoginAppSecret"/> to sign each flavour with its own,
    /// as Meta does. A random one by default.
    /// </summary>
    /// <exception cref="ArgumentException">The value is null or empty.</exception>
    public string AppSecret
    {
        get => SecretOf(LoginFlavor);
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _instagramLoginAppSecret = _facebookLoginAppSecret = value;
        }
    }

    /// <summary>
    /// The secret Instagram Login deliveries are signed with: the Instagram app secret (the app dashboard, Instagram >
    /// API setup with Instagram login). The same as <see cref="FacebookLoginAppSecret"/> until either is set apart.
    /// </summary>
    /// <exception cref="ArgumentException">The value is null or empty.</exception>
    public string InstagramLoginAppSecret
    {
        get => _instagramLoginAppSecret;
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _instagramLoginAppSecret = value;
        }
    }

    /// <summary>
    /// The secret Facebook Login deliveries are signed with: the Meta app secret (the app dashboard, App settings >
    /// Basic). The same as <see cref="InstagramLoginAppSecret"/> until either is set apart.
    /// </summary>
    /// <exception cref="ArgumentException">The value is null or empty.</exception>
    public string FacebookLoginAppSecret
    {
        get => _facebookLoginAppSecret;
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _facebookLoginAppSecret = value;
        }
    }

    /// <summary>The verify token the handshake of <see cref="VerifyAsync"/> sends. A random one by default.</summary>
    public string VerifyToken
    {
        get => _verifyToken;
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _verifyToken = value;
        }
    }

    /// <summary>
    /// The Instagram professional account (<c>entry.id</c>, and the sender of echoes): 17 digits starting 1784, random
    /// by default. Message ids the emulator makes afterwards embed it, as Meta's do.
    /// </summary>
    public string AccountId
    {
        get => _accountId;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _accountId = value;
        }
    }

    /// <summary>Whether each message the business sends comes back as an echo (<c>is_echo</c>), as Meta does. Default true.</summary>
    public bool DeliverEchoes { get; set; } = true;

    /// <summary>
    /// Which login the app under test uses, where the two deliver differently: with
    /// <see cref="WebhookLoginFlavor.FacebookLogin"/> an @mention of the account arrives in the <c>mentions</c> field;
    /// Instagram Login has no such field, so a mention in a comment arrives as a <c>comments</c> change and one in a
    /// caption not at all (spec 4.17; see <see cref="SimulatedUser.MentionInCommentAsync"/>). Messaging shapes are the same
    /// for both. Default <see cref="WebhookLoginFlavor.InstagramLogin"/>.
    /// </summary>
    public WebhookLoginFlavor LoginFlavor { get; set; } = WebhookLoginFlavor.InstagramLogin;

    /// <summary>How long the app has to answer a delivery before it counts as failed and is retried. Default 5 seconds, as Meta's.</summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        set => _timeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout must be positive.");
    }

    /// <summary>
    /// The waits before each retry of a failed delivery; one retry per entry, then the emulator gives up. Default:
    /// at once, then after 1, 5 and 30 seconds. Tests can use milliseconds.
    /// </summary>
    public IReadOnlyList<TimeSpan> RetryDelays
    {
        get => _retryDelays;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Any(d => d < TimeSpan.Zero))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "A retry delay cannot be negative.");
            }

            _retryDelays = value.ToArray();
        }
    }

    /// <summary>With batching or reordering, the longest an event waits for its batch to fill before it is sent anyway. Default 100 ms.</summary>
    public TimeSpan FlushWindow
    {
        get => _flushWindow;
        set => _flushWindow = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The flush window cannot be negative.");
    }

    /// <summary>How many attempts <see cref="Attempts"/> keeps (the newest); older ones are dropped. Default 10,000.</summary>
    public int MaxRecordedAttempts
    {
        get => _maxRecordedAttempts;
        set => _maxRecordedAttempts = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The cap cannot be negative.");
    }

    /// <summary>Duplicates, reordering, batching, delays, wrong signatures and unescaped bodies.</summary>
    public WebhookFaults Faults { get; } = new();

    /// <summary>Observed behaviour beyond Meta's documentation (reads and edits without sender, empty edits, two-attachment post shares); all off by default.</summary>
    public WebhookQuirks Quirks { get; } = new();

    /// <summary>Every delivery attempt, oldest first (up to <see cref="MaxRecordedAttempts"/>).</summary>
    public IReadOnlyList<WebhookDeliveryAttempt> Attempts => _attempts.ToArray();

    /// <summary>How many attempts were made in all, including those no longer kept in <see cref="Attempts"/>.</summary>
    public long TotalAttempts => Interlocked.Read(ref _totalAttempts);

    /// <summary>Where deliveries go, or null when <c>DeliverTo</c> was not called (events are then not sent).</summary>
    public Uri? CallbackUrl => _target?.Url;

    /// <summary>Delivers over real HTTP to the app's callback, such as <c>http://127.0.0.1:5000/webhooks/instagram</c>.</summary>
    /// <param name="callbackUrl">The absolute <c>http</c> or <c>https</c> callback URL.</param>
    public void DeliverTo(Uri callbackUrl)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        if (!callbackUrl.IsAbsoluteUri || (callbackUrl.Scheme != Uri.UriSchemeHttp && callbackUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The callback URL must be an absolute http or https URL.", nameof(callbackUrl));
        }

        _target = new WebhookTarget(s_http.Value, callbackUrl);
    }

    /// <summary>
    /// Delivers through <paramref name="client"/>, such as the in-process client of a <c>WebApplicationFactory</c>.
    /// The emulator does not dispose it.
    /// </summary>
    /// <param name="client">The client; its <see cref="HttpClient.BaseAddress"/> resolves <paramref name="path"/>.</param>
    /// <param name="path">The callback path, or an absolute URL.</param>
    public void DeliverTo(HttpClient client, string path = "/webhooks/instagram")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Uri url;
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            url = absolute;
        }
        else if (client.BaseAddress is { } baseAddress)
        {
            url = new Uri(baseAddress, path);
        }
        else
        {
            throw new ArgumentException("The client has no BaseAddress, so the path must be an absolute URL.", nameof(path));
        }

        _target = new WebhookTarget(client, url);
    }

    /// <summary>
    /// Stops delivering: events produced afterwards are not sent (their outcome is <see cref="WebhookDeliveryOutcome.NotDelivered"/>).
    /// It does not change whether the subscription is disabled (see <see cref="EnableSubscription"/>).
    /// </summary>
    public void StopDelivering() => _target = null;

    /// <summary>
    /// Sends Meta's verification request (<c>GET</c> with <c>hub.mode=subscribe</c>, a random <c>hub.challenge</c> and
    /// <c>hub.verify_token</c>) to the callback and reports how the app answered.
    /// </summary>
    /// <param name="verifyToken">The token to send; <see cref="VerifyToken"/> when null. Pass a wrong one to check the app refuses it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">No callback was set with <c>DeliverTo</c>.</exception>
    public async Task<WebhookVerificationResult> VerifyAsync(string? verifyToken = null, CancellationToken cancellationToken = default)
    {
        var target = _target ?? throw new InvalidOperationException("Call DeliverTo before VerifyAsync: there is no callback to verify.");
        var token = verifyToken ?? VerifyToken;
        var challenge = Random.Shared.NextInt64(100_000_000, 10_000_000_000).ToString(CultureInfo.InvariantCulture);
        var query = "hub.mode=subscribe&hub.challenge=" + challenge + "&hub.verify_token=" + Uri.EscapeDataString(token);
        var url = new UriBuilder(target.Url) { Query = query }.Uri;
        using var timeout = new CancellationTokenSource(Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        var correct = string.Equals(token, VerifyToken, StringComparison.Ordinal);
        try
        {
            using var response = await target.Client.SendAsync(request, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            return new WebhookVerificationResult(correct, challenge, (int)response.StatusCode, body);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException)
        {
            return new WebhookVerificationResult(correct, challenge, null, null);
        }
    }

    /// <summary>
    /// Sends every event held back for batching or reordering now, then waits until every delivery in progress
    /// (echoes and retries included) was acknowledged or given up.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (deliveries go on).</param>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (TakePending() is { } round)
        {
            DeliverHeldRound(round);
        }

        while (_inFlight.Keys.ToArray() is { Length: > 0 } running)
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Raised after every delivery attempt (retries and resends included), on the thread that made it.</summary>
    public event EventHandler<WebhookDeliveryAttempt>? AttemptRecorded;

    /// <summary>
    /// Posts a recorded delivery again, byte for byte with the same headers, to the current callback, as Meta's
    /// dashboard does when you resend a failed event. It is recorded as the next attempt of that delivery.
    /// </summary>
    /// <param name="deliveryNumber">The <see cref="WebhookDeliveryAttempt.DeliveryNumber"/> to resend.</param>
    /// <param name="cancellationToken">Cancels the wait (the attempt has its own <see cref="Timeout"/>).</param>
    /// <returns>The new attempt.</returns>
    /// <exception cref="InvalidOperationException">No callback is set, or no attempt of that delivery is kept.</exception>
    public async Task<WebhookDeliveryAttempt> ResendAsync(long deliveryNumber, CancellationToken cancellationToken = default)
    {
        var target = _target ?? throw new InvalidOperationException("Call DeliverTo before ResendAsync: there is no callback to post to.");
        ThrowIfSubscriptionDisabled("ResendAsync");
        var attempts = _attempts.Where(a => a.DeliveryNumber == deliveryNumber).ToArray();
        if (attempts.Length == 0)
        {
            throw new InvalidOperationException($"No attempt of delivery {deliveryNumber} is recorded, so there is nothing to resend.");
        }

        var last = attempts[^1];
        var delivery = new PreparedDelivery(target, deliveryNumber, Encoding.UTF8.GetBytes(last.Body), last.Headers, last.EventCount);
        return await AttemptAndTrackAsync(delivery, attempts.Max(a => a.AttemptNumber) + 1).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the recorded attempts.</summary>
    public void ClearAttempts()
    {
        while (_attempts.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _recorded);
        }
    }

    internal bool HoldsEvents => Faults.Batches;

    internal bool HasTarget => _target is not null;

    // Queues one messaging item for delivery, in standby when another app owns the customer's thread, with what the
    // observed quirks add; returns the item as written and a task that completes when it was delivered or given up.
    internal (Task<WebhookDeliveryOutcome> Delivery, string Json) Publish(JsonObject item) => Publish(item, InStandby(item));

    // Queues one `changes` item ({"value": ..., "field": ...}, a comment) made at `timestamp` (epoch ms): written with
    // Meta's spacing for change bodies and posted apart from messaging items, as Meta does. Never in standby (handover
    // routes messaging only) and untouched by the quirks.
    internal (Task<WebhookDeliveryOutcome> Delivery, string Json) PublishChange(JsonObject change, long timestamp)
    {
        var escaped = WebhookBodyWriter.Write(change, escapeNonAscii: true, spaced: true);
        if (_target is null)
        {
            return (Task.FromResult(WebhookDeliveryOutcome.NotDelivered), escaped);
        }

        if (IsSubscriptionDisabled)
        {
            return (Task.FromResult(WebhookDeliveryOutcome.SubscriptionDisabled), escaped);
        }

        var pending = new PendingWebhookEvent(escaped, WebhookBodyWriter.Write(change, escapeNonAscii: false, spaced: true), timestamp) { IsChange = true };
        Enqueue(new List<PendingWebhookEvent> { pending });
        return (pending.Done, escaped);
    }

    private (Task<WebhookDeliveryOutcome> Delivery, string Json) Publish(JsonObject item, bool standby)
    {
        if (standby && item["postback"] is JsonObject postback)
        {
            postback.Remove("payload"); // Meta's standby postbacks carry no payload (spec §4.10)
        }

        var (extra, extraFirst) = Quirks.Apply(item, AccountId, Faults);
        var escaped = WebhookBodyWriter.Write(item, escapeNonAscii: true);
        if (_target is null)
        {
            return (Task.FromResult(WebhookDeliveryOutcome.NotDelivered), escaped);
        }

        if (IsSubscriptionDisabled)
        {
            return (Task.FromResult(WebhookDeliveryOutcome.SubscriptionDisabled), escaped);
        }

        var pending = new PendingWebhookEvent(escaped, WebhookBodyWriter.Write(item, escapeNonAscii: false), item["timestamp"]!.GetValue<long>(), standby);
        var events = new List<PendingWebhookEvent> { pending };
        var done = pending.Done;
        if (extra is not null)
        {
            var added = Pending(extra, standby);
            events.Insert(extraFirst ? 0 : 1, added);

            // The action is done once what the quirk added is too: posted after the item, it would otherwise still be
            // on its way while the customer's next action is posted, and could arrive after it.
            done = BothDoneAsync(pending.Done, added.Done);
        }

        Enqueue(events);
        return (done, escaped);
    }

    private static async Task<WebhookDeliveryOutcome> BothDoneAsync(Task<WebhookDeliveryOutcome> item, Task<WebhookDeliveryOutcome> added)
    {
        var outcome = await item.ConfigureAwait(false);
        await added.ConfigureAwait(false);
        return outcome;
    }

    private static PendingWebhookEvent Pending(JsonObject item, bool standby)
        => new(WebhookBodyWriter.Write(item, escapeNonAscii: true), WebhookBodyWriter.Write(item, escapeNonAscii: false), item["timestamp"]!.GetValue<long>(), standby);

    // Events published together (an item and what a quirk adds) keep their order: one round, or adjacent in the batch.
    private void Enqueue(List<PendingWebhookEvent> events)
    {
        if (!Faults.Batches)
        {
            Track(DeliverRoundAsync(events));
            return;
        }

        List<PendingWebhookEvent>? full = null;
        long generation;
        bool first;
        lock (_gate)
        {
            first = _pending.Count == 0;
            _pending.AddRange(events);
            generation = _generation;
            if (_pending.Count >= Math.Max(Faults.BatchSize, Faults.ReorderWindow))
            {
                full = TakePendingLocked();
            }
        }

        if (full is not null)
        {
            DeliverHeldRound(full);
        }
        else if (first)
        {
            _ = FlushAfterWindowAsync(generation);
        }
    }

    // Held rounds go one after another, so a reordered or batched sequence arrives as the faults arranged it.
    private void DeliverHeldRound(List<PendingWebhookEvent> round)
    {
        lock (_gate)
        {
            var previous = _heldRounds;
            _heldRounds = AfterAsync(previous, round);
            Track(_heldRounds);
        }
    }

    private async Task AfterAsync(Task previous, List<PendingWebhookEvent> round)
    {
        await previous.ConfigureAwait(false);
        await DeliverRoundAsync(round).ConfigureAwait(false);
    }

    private async Task FlushAfterWindowAsync(long generation)
    {
        await Task.Delay(FlushWindow, _time).ConfigureAwait(false);
        List<PendingWebhookEvent>? round = null;
        lock (_gate)
        {
            if (_generation == generation && _pending.Count > 0)
            {
                round = TakePendingLocked();
            }
        }

        if (round is not null)
        {
            DeliverHeldRound(round);
        }
    }

    private List<PendingWebhookEvent>? TakePending()
    {
        lock (_gate)
        {
            return _pending.Count == 0 ? null : TakePendingLocked();
        }
    }

    private List<PendingWebhookEvent> TakePendingLocked()
    {
        var round = new List<PendingWebhookEvent>(_pending);
        _pending.Clear();
        _generation++;
        return round;
    }

    private void Track(Task task)
    {
        _inFlight.TryAdd(task, 0);
        task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // A round: the events taken together, with duplicates added, shuffled within the reorder window, cut into POSTs.
    // The POSTs of a round go one after another so the receiver sees the shuffled order; a failed one is retried in the
    // background while the next ones go ahead, which reorders events as real failures do.
    private async Task DeliverRoundAsync(List<PendingWebhookEvent> round)
    {
        await Task.Yield();
        if (_target is not { } target)
        {
            round.ForEach(e => e.NotDelivered());
            return;
        }

        if (IsSubscriptionDisabled)
        {
            round.ForEach(e => e.SubscriptionDisabled());
            return;
        }

        var occurrences = new List<PendingWebhookEvent>(round);
        foreach (var pending in round)
        {
            if (Faults.Draw(Faults.DuplicateRate))
            {
                occurrences.Add(pending);
            }
        }

        Faults.Shuffle(occurrences);
        occurrences.ForEach(e => e.Expect());
        var batchSize = Faults.BatchSize;
        var count = 0;
        for (var start = 0; start < occurrences.Count; start += count)
        {
            // A POST holds one form: messaging items or changes (Meta sends comments apart, with their own spacing).
            count = 1;
            while (count < batchSize && start + count < occurrences.Count && occurrences[start + count].IsChange == occurrences[start].IsChange)
            {
                count++;
            }

            var batch = occurrences.GetRange(start, count);
            if (IsSubscriptionDisabled)
            {
                // Meta stops at once: what was not sent yet never is.
                occurrences.Skip(start).ToList().ForEach(e => e.Unsent());
                return;
            }

            try
            {
                var delivery = Prepare(target, batch);
                if (Faults.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Faults.Delay, _time).ConfigureAwait(false);
                }

                if ((await AttemptAndTrackAsync(delivery, 1).ConfigureAwait(false)).Succeeded)
                {
                    batch.ForEach(e => e.Finish(acknowledged: true));
                }
                else
                {
                    Track(RetryAsync(delivery, batch));
                }
            }
            catch (Exception)
            {
                // Nothing here should throw; if it does, no event may be left waiting for ever.
                occurrences.Skip(start).ToList().ForEach(e => e.Finish(acknowledged: false));
                return;
            }
        }
    }

    private async Task RetryAsync(PreparedDelivery delivery, List<PendingWebhookEvent> batch)
    {
        var acknowledged = false;
        try
        {
            var delays = RetryDelays;
            for (var i = 0; i < delays.Count && !acknowledged && !IsSubscriptionDisabled; i++)
            {
                if (delays[i] > TimeSpan.Zero)
                {
                    await Task.Delay(delays[i], _time).ConfigureAwait(false);
                }

                if (IsSubscriptionDisabled)
                {
                    break;
                }

                acknowledged = (await AttemptAndTrackAsync(delivery, i + 2).ConfigureAwait(false)).Succeeded;
            }
        }
        finally
        {
            batch.ForEach(e => e.Finish(acknowledged));
        }
    }

    private PreparedDelivery Prepare(WebhookTarget target, List<PendingWebhookEvent> batch)
    {
        var entryTime = Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), batch.Max(e => e.Timestamp));
        var oneEntryPerItem = Faults.BatchMode == WebhookBatchMode.Entries;
        var standby = batch.ConvertAll(e => e.Standby);
        byte[] Body(List<string> items) => batch[0].IsChange
            ? WebhookBodyWriter.ChangesEnvelope(AccountId, entryTime / 1000, items, oneEntryPerItem) // changes entries: epoch seconds
            : WebhookBodyWriter.Envelope(AccountId, entryTime, items, standby, oneEntryPerItem);
        var signed = Body(batch.ConvertAll(e => e.Escaped));
        var sent = Faults.UnescapedBodies ? Body(batch.ConvertAll(e => e.Unescaped)) : signed;
        var key = Faults.Draw(Faults.WrongSignatureRate)
            ? RandomNumberGenerator.GetBytes(32)
            : Encoding.UTF8.GetBytes(SecretOf(LoginFlavor));
        return new PreparedDelivery(target, Interlocked.Increment(ref _deliveries), sent, Sign(signed, key), batch.Count);
    }

    // Meta's headers, with both signatures of the text Meta signs (the escaped body).
    private static Dictionary<string, string> Sign(byte[] signed, byte[] key)
        => new(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json",
            ["User-Agent"] = UserAgent,
            ["Accept"] = "*/*",
            ["Accept-Encoding"] = "gzip",
            ["X-Hub-Signature"] = "sha1=" + Convert.ToHexString(HMACSHA1.HashData(key, signed)).ToLowerInvariant(),
            ["X-Hub-Signature-256"] = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(key, signed)).ToLowerInvariant(),
        };

    // An attempt of the subscription's deliveries: it counts towards (or ends) a failure span.
    private async Task<WebhookDeliveryAttempt> AttemptAndTrackAsync(PreparedDelivery delivery, int attemptNumber)
    {
        var attempt = await AttemptAsync(delivery, attemptNumber).ConfigureAwait(false);
        NoteAttempt(attempt.Succeeded);
        return attempt;
    }

    private async Task<WebhookDeliveryAttempt> AttemptAsync(PreparedDelivery delivery, int attemptNumber)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target.Url) { Content = new ByteArrayContent(delivery.Body) };
        foreach (var (name, value) in delivery.Headers)
        {
            if (name == "Content-Type")
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var startedAt = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? error = null;
        using (var timeout = new CancellationTokenSource(Timeout, _time))
        {
            try
            {
                using var response = await delivery.Target.Client.SendAsync(request, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                error = $"No answer within {Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms.";
            }
            catch (Exception ex)
            {
                // An in-process server surfaces the app's own exception here; Meta would see a 500 or a reset connection.
                error = ex.GetType().Name + ": " + ex.Message;
            }
        }

        var attempt = new WebhookDeliveryAttempt(
            delivery.Number,
            attemptNumber,
            delivery.Target.Url.ToString(),
            Encoding.UTF8.GetString(delivery.Body),
            delivery.Headers,
            status,
            Stopwatch.GetElapsedTime(started),
            error)
        {
            StartedAt = startedAt,
            EventCount = delivery.EventCount,
        };
        Record(attempt);
        return attempt;
    }

    private void Record(WebhookDeliveryAttempt attempt)
    {
        Interlocked.Increment(ref _totalAttempts);
        _attempts.Enqueue(attempt);
        Interlocked.Increment(ref _recorded);
        while (Volatile.Read(ref _recorded) > MaxRecordedAttempts && _attempts.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _recorded);
        }

        AttemptRecorded?.Invoke(this, attempt);
    }

    // Meta signs each login flavour's deliveries with that flavour's secret (spec 9.1).
    private string SecretOf(WebhookLoginFlavor flavor) => flavor == WebhookLoginFlavor.FacebookLogin ? _facebookLoginAppSecret : _instagramLoginAppSecret;

    private static string RandomHex(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant();

    private const string UserAgent = "Webhooks/1.0 (https://fb.me/webhooks)";
}
