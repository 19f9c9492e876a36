using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Xunit;
using static InstagramMessaging.Tests.EmulatedMessenger;

namespace InstagramMessaging.Tests;

public class SendAsyncTests
{
    private const string Igsid = "1254459154682919";
    private static readonly Recipient User = Recipient.Id(Igsid);

    [Fact]
    public async Task Send_posts_the_body_to_the_messages_route_with_a_bearer_token()
    {
        var (messenger, emulator) = Create();

        var result = await new ThreadedReply("Your order is on its way!", "m_earlier").SendAsync(messenger, User);

        var request = Assert.Single(emulator.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v25.0/me/messages", request.PathAndQuery);
        Assert.Equal("Bearer " + GraphApiEmulator.DefaultAccessToken, request.Authorization);
        Assert.Equal("application/json", request.MediaType);
        Assert.Equal(new ThreadedReply("Your order is on its way!", "m_earlier").ToJson(User), request.Body);

        var delivered = Assert.Single(emulator.Conversation(Igsid));
        Assert.Equal(Igsid, result.RecipientId);
        Assert.Equal(delivered.MessageId, result.MessageId);
        Assert.Equal("Your order is on its way!", delivered.Text);
        Assert.Equal("m_earlier", delivered.ReplyToMessageId);
    }

    [Fact]
    public async Task Client_send_accepts_any_contract_and_options()
    {
        var (messenger, emulator) = Create();
        var result = await messenger.SendAsync(User, new StructMessage("from a struct"), SendOptions.HumanAgent);

        var delivered = Assert.Single(emulator.Conversation(Igsid));
        Assert.Equal(result.MessageId, delivered.MessageId);
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT"), (delivered.MessagingType, delivered.Tag));
    }

    [Fact]
    public async Task Page_id_and_version_shape_the_route()
    {
        var emulator = new GraphApiEmulator(pageId: "4242");
        var messenger = new InstagramMessenger(emulator.CreateHttpClient(), new InstagramMessengerOptions
        {
            AccessToken = GraphApiEmulator.DefaultAccessToken,
            ApiVersion = "v26.0",
            PageId = "4242",
        });

        await new TextMessage("hi").SendAsync(messenger, User);
        Assert.Equal("/v26.0/4242/messages", Assert.Single(emulator.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Validation_failure_sends_no_request()
    {
        var (messenger, emulator) = Create();

        var ex = await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => new TextMessage("😀" + new string('x', 997)).SendAsync(messenger, User));

        Assert.Equal("IGM001", Assert.Single(ex.Violations).RuleId);
        Assert.Contains("IGM001", ex.Message);
        Assert.Contains("Text", ex.Message);
        Assert.Empty(emulator.Requests);
    }

    // Conversation routing: while the Page Inbox owns the thread, Meta refuses the app's sends with 100/2534037; once the
    // app takes the thread back, it sends again.
    [Fact]
    public async Task A_send_while_the_inbox_owns_the_thread_fails_with_2534037_until_the_app_takes_it_back()
    {
        var (messenger, emulator) = Create();
        await emulator.Webhooks.PassThreadControlAsync(Igsid, EmulatorWebhooks.PageInboxAppId);

        var ex = await Assert.ThrowsAsync<InstagramInvalidParameterException>(() => new TextMessage("hi").SendAsync(messenger, User));

        Assert.Equal((100, (int?)2534037, false), (ex.Code, ex.Subcode, ex.IsTransient));
        Assert.Contains("Not the thread owner", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2534037", ex.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Conversation(Igsid));

        await emulator.Webhooks.TakeThreadControlAsync(Igsid, emulator.Webhooks.AppId);
        var sent = await new TextMessage("hi again").SendAsync(messenger, User);

        Assert.Equal(sent.MessageId, Assert.Single(emulator.Conversation(Igsid)).MessageId);
    }

    [Fact]
    public async Task Cancellation_stops_the_send()
    {
        var (messenger, _) = Create();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TextMessage("hi").SendAsync(messenger, User, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Sends_over_loopback_to_the_emulator_server()
    {
        await using var server = await GraphApiEmulatorServer.StartAsync();
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        using var http = new HttpClient();
        var messenger = new InstagramMessenger(http, new InstagramMessengerOptions { AccessToken = GraphApiEmulator.DefaultAccessToken, BaseAddress = server.BaseAddress });

        var first = await new TextMessage("one").SendAsync(messenger, User);
        var second = await new TextMessage("two").SendAsync(messenger, User);

        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.Equal(new[] { "one", "two" }, server.Emulator.Conversation(Igsid).Select(m => m.Text).ToArray());
    }
}
