using System;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace InstagramMessaging.AspNetCore.Tests;

public sealed class InMemoryWebhookDedupeStoreTests
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromHours(48);

    [Fact]
    public async Task A_key_is_remembered_for_its_lifetime_and_forgotten_after()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryWebhookDedupeStore(100, time);

        Assert.False(await store.ContainsAsync("k", default));
        Assert.True(await store.TryMarkAsync("k", s_lifetime, default));
        Assert.False(await store.TryMarkAsync("k", s_lifetime, default));
        time.Advance(TimeSpan.FromHours(47.9));
        Assert.True(await store.ContainsAsync("k", default));
        time.Advance(TimeSpan.FromHours(0.2));
        Assert.False(await store.ContainsAsync("k", default));
        Assert.Equal(0, store.Count);
        Assert.True(await store.TryMarkAsync("k", s_lifetime, default));
    }

    [Fact]
    public async Task Memory_stays_bounded_the_oldest_keys_go_first()
    {
        var store = new InMemoryWebhookDedupeStore(3, new FakeTimeProvider());

        foreach (var key in new[] { "a", "b", "c", "d", "e" })
        {
            Assert.True(await store.TryMarkAsync(key, s_lifetime, default));
        }

        Assert.Equal(3, store.Count);
        Assert.False(await store.ContainsAsync("a", default));
        Assert.False(await store.ContainsAsync("b", default));
        Assert.True(await store.ContainsAsync("c", default));
        Assert.True(await store.ContainsAsync("e", default));
    }

    // Bounded memory wins over the lifetime when the store is full: the keys it lets go early are counted, and the
    // first one is logged as a warning naming the remedy.
    [Fact]
    public async Task Live_keys_let_go_because_the_store_is_full_are_counted_and_the_first_is_logged()
    {
        using var measurements = new MeasurementRecorder();
        using var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var time = new FakeTimeProvider();
        var store = new InMemoryWebhookDedupeStore(3, time, factory.CreateLogger<InMemoryWebhookDedupeStore>());
        foreach (var key in new[] { "a", "b", "c" })
        {
            await store.TryMarkAsync(key, TimeSpan.FromHours(1), default);
        }

        // Expired keys make room without counting as let go early.
        time.Advance(TimeSpan.FromHours(2));
        foreach (var key in new[] { "d", "e", "f", "g", "h" })
        {
            await store.TryMarkAsync(key, s_lifetime, default);
        }

        Assert.Equal(2, measurements.Sum("instagram.webhooks.dedupe.evicted_early"));
        var warning = Assert.Single(logs.Lines, l => l.Contains("dedupe store is full", StringComparison.Ordinal));
        Assert.Contains("DedupeCapacity", warning);
    }

    [Fact]
    public async Task Expired_keys_are_dropped_as_time_passes_without_waiting_for_capacity()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryWebhookDedupeStore(1000, time);
        for (var i = 0; i < 100; i++)
        {
            await store.TryMarkAsync($"old{i}", TimeSpan.FromHours(1), default);
        }

        time.Advance(TimeSpan.FromHours(2));
        await store.TryMarkAsync("new", TimeSpan.FromHours(1), default);

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task A_key_marked_again_after_expiring_keeps_its_new_lifetime()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryWebhookDedupeStore(10, time);
        await store.TryMarkAsync("k", TimeSpan.FromHours(1), default);
        await store.TryMarkAsync("long", TimeSpan.FromHours(10), default);
        time.Advance(TimeSpan.FromHours(2));

        Assert.True(await store.TryMarkAsync("k", TimeSpan.FromHours(5), default));
        time.Advance(TimeSpan.FromHours(4));
        Assert.True(await store.ContainsAsync("k", default));
    }

    [Fact]
    public async Task Keys_that_differ_in_one_character_are_told_apart()
    {
        var store = new InMemoryWebhookDedupeStore(100_000, new FakeTimeProvider());
        const string Prefix = "17841405822304914:message:aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2";

        for (var i = 0; i < 20_000; i++)
        {
            var key = $"{Prefix}{i}:in";
            Assert.False(await store.ContainsAsync(key, default), key);
            Assert.True(await store.TryMarkAsync(key, s_lifetime, default), key);
        }

        Assert.Equal(20_000, store.Count);
        Assert.True(await store.ContainsAsync($"{Prefix}19999:in", default));
        Assert.False(await store.ContainsAsync($"{Prefix}19999:self", default));
        Assert.False(await store.ContainsAsync($"{Prefix}20000:in", default));
    }

    [Fact]
    public async Task A_remembered_key_does_not_keep_its_string_alive()
    {
        var store = new InMemoryWebhookDedupeStore(100, new FakeTimeProvider());
        var key = await MarkFreshKeyAsync(store);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(key.IsAlive);
        Assert.True(await store.ContainsAsync("account:message:" + new string('m', 40) + ":in", default));

        static async Task<WeakReference> MarkFreshKeyAsync(InMemoryWebhookDedupeStore store)
        {
            var fresh = "account:message:" + new string('m', 40) + ":in";
            Assert.True(await store.TryMarkAsync(fresh, s_lifetime, default));
            return new WeakReference(fresh);
        }
    }
}
