using Xunit;

// The meter and the activity source are process-wide: tests that count measurements must not see another test's.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
