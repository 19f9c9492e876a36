using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace InstagramMessaging.Tests;

// The retry step at volume against the emulator's injected faults: nothing lost, nothing sent twice, and a fault
// after processing is outcome-unknown and never sent again.
public class RetryStepAtVolumeTests
{
    // In process, and once over a real loopback server (where a connection dropped before processing looks, to
    // the client, like one dropped after: outcome unknown, nothing delivered). Two of the faults come after Meta
    // processed the message and cannot be told from a lost success: the client must report them as outcome-unknown
    // and never send again.
    [Theory]
    [InlineData(false, 10_000)]
    [InlineData(true, 3_000)]
    public async Task Thousands_of_sends_through_injected_faults_lose_nothing_and_duplicate_nothing(bool loopback, int messages)
    {
        var emulator = new GraphApiEmulator();
        emulator.Faults.Seed = 20261125;
        emulator.Faults.TransientErrorRate = 0.05;
        emulator.Faults.ServerErrorRate = 0.03;
        emulator.Faults.DropBeforeProcessingRate = 0.03;
        emulator.Faults.DropAfterProcessingRate = 0.02;
        emulator.Faults.GatewayErrorAfterProcessingRate = 0.02;
        var closed = Enumerable.Range(0, 5).Select(i => $"closed-{i}").ToArray();
        foreach (var recipient in closed)
        {
            emulator.CloseWindow(recipient);
        }

        await using var server = loopback ? await GraphApiEmulatorServer.StartAsync(emulator) : null;
        using var http = server is null ? emulator.CreateHttpClient() : new HttpClient();
        var messenger = new InstagramMessenger(http, new InstagramMessengerOptions
        {
            AccessToken = GraphApiEmulator.DefaultAccessToken,
            BaseAddress = server?.BaseAddress ?? InstagramMessengerOptions.FacebookGraphAddress,
            MaxRetries = 6,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        }, rateLimiter: new InstagramRateLimiter(100_000, 100_000));

        var outcomes = new ConcurrentDictionary<string, object>();
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, messages).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var recipient = i % 200 == 0 ? closed[(i / 200) % closed.Length] : $"user-{i % 100}";
                var text = $"message {i}";
                try
                {
                    outcomes[text] = await new TextMessage(text).SendAsync(messenger, Recipient.Id(recipient));
                }
                catch (Exception ex)
                {
                    outcomes[text] = ex;
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        static bool ClosedRecipient(string text) => int.Parse(text["message ".Length..], System.Globalization.CultureInfo.InvariantCulture) % 200 == 0;
        var deliveries = emulator.DeliveredMessages.GroupBy(m => m.Text!).ToDictionary(g => g.Key, g => g.ToArray());
        int Delivered(string text) => deliveries.TryGetValue(text, out var delivered) ? delivered.Length : 0;
        Assert.True(emulator.Faults.InjectedCount >= messages / 10, $"only {emulator.Faults.InjectedCount} faults were injected");

        // Delivered twice: never.
        Assert.All(emulator.DeliveryCounts(), count => Assert.Equal(1, count.Value));
        Assert.DoesNotContain(deliveries, d => d.Value.Length > 1);

        // Every success was delivered, under the id the client returned: nothing retryable was lost.
        var successes = outcomes.Where(o => o.Value is SendResult).ToArray();
        Assert.All(successes, s => Assert.Equal(((SendResult)s.Value).MessageId, Assert.Single(deliveries[s.Key]).MessageId));

        // Every failure is typed and says truly what happened. Nothing else failed.
        var failures = outcomes.Where(o => o.Value is Exception).ToArray();
        Assert.All(failures, f =>
        {
            switch (f.Value)
            {
                case InstagramOutcomeUnknownException:
                    // In process, only the two after-processing faults give this: delivered once (unless the
                    // processing refused it, a closed window). Over a socket a drop before processing also does.
                    var expected = ClosedRecipient(f.Key) ? 0 : 1;
                    if (loopback)
                    {
                        Assert.InRange(Delivered(f.Key), 0, expected);
                    }
                    else
                    {
                        Assert.Equal(expected, Delivered(f.Key));
                    }

                    break;
                case InstagramWindowClosedException closedWindow:
                    Assert.True(ClosedRecipient(f.Key));
                    Assert.Equal((10, 2534022), (closedWindow.Code, closedWindow.Subcode));
                    Assert.Equal(0, Delivered(f.Key));
                    break;
                case InstagramTransientException:
                    // Every attempt drew a fault that sent nothing, until the retries ran out.
                    Assert.Equal(0, Delivered(f.Key));
                    break;
                default:
                    Assert.Fail($"{f.Key} failed with {f.Value.GetType().Name}: {((Exception)f.Value).Message}");
                    break;
            }
        });

        Assert.Contains(failures, f => f.Value is InstagramOutcomeUnknownException && Delivered(f.Key) == 1);
        Assert.Contains(failures, f => f.Value is InstagramWindowClosedException);
        Assert.True(successes.Length > messages * 0.9, $"{successes.Length} successes");
    }

    [Theory]
    [InlineData(false, EmulatedFault.DropAfterProcessing)]
    [InlineData(false, EmulatedFault.GatewayErrorAfterProcessing)]
    [InlineData(true, EmulatedFault.DropAfterProcessing)]
    [InlineData(true, EmulatedFault.GatewayErrorAfterProcessing)]
    public async Task A_fault_after_processing_is_outcome_unknown_and_never_sent_again(bool loopback, EmulatedFault fault)
    {
        var emulator = new GraphApiEmulator();
        if (fault == EmulatedFault.DropAfterProcessing)
        {
            emulator.Faults.DropAfterProcessingRate = 1;
        }
        else
        {
            emulator.Faults.GatewayErrorAfterProcessingRate = 1;
        }

        await using var server = loopback ? await GraphApiEmulatorServer.StartAsync(emulator) : null;
        using var http = server is null ? emulator.CreateHttpClient() : new HttpClient();
        var messenger = new InstagramMessenger(http, new InstagramMessengerOptions
        {
            AccessToken = GraphApiEmulator.DefaultAccessToken,
            BaseAddress = server?.BaseAddress ?? InstagramMessengerOptions.FacebookGraphAddress,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        }, rateLimiter: new InstagramRateLimiter(10_000, 10_000));

        await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => new TextMessage("once").SendAsync(messenger, Recipient.Id("5")));

        Assert.Single(emulator.Conversation("5"));
        Assert.Single(emulator.Requests);
    }
}
