using Xunit;

namespace InstagramMessaging.Redis.Tests;

public sealed class RedisClockOffsetTests
{
    // Redis's clock runs 1,000,000 µs ahead of ours. A quick call pins the offset; a script that queued 300 ms behind
    // a busy Redis is then placed when it ran (300 ms after it was sent), not when it was sent.
    [Fact]
    public void A_script_that_queued_is_placed_when_it_ran()
    {
        var clock = new RedisClockOffset();
        Assert.Equal(10_000, clock.RanAt(10_000, 1_010_100));       // one call: no earlier than it was sent
        Assert.Equal(20_000, clock.RanAt(20_000, 1_020_050));       // a quicker one tightens the offset
        Assert.Equal(330_000, clock.RanAt(30_000, 1_330_050));      // queued: ran 300 ms after it was sent
        Assert.Equal(400_000, clock.RanAt(400_000, 1_400_010));     // never before it was sent
    }

    // Bounds are forgotten after two epochs, so a clock that steps or drifts is followed rather than trusted forever.
    [Fact]
    public void Old_bounds_are_forgotten_so_a_clock_step_is_followed()
    {
        var clock = new RedisClockOffset(epochMicroseconds: 1_000);
        Assert.Equal(0, clock.RanAt(0, 1_000_100));
        Assert.Equal(1_000, clock.RanAt(1_000, 1_000_500));         // Redis stepped back: a smaller bound, used at once
        Assert.Equal(1_002_500, clock.RanAt(2_000, 2_002_000));     // stepped forward 1 s: the old bound still rules
        Assert.Equal(3_000, clock.RanAt(3_000, 2_003_000));         // one epoch later it is forgotten
    }
}
