// Each test class starts its own redis-server; the timing tests (rate windows) must not share two cores with others.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
