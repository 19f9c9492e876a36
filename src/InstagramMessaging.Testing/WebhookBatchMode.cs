namespace InstagramMessaging.Testing;

/// <summary>How several events share one webhook POST when <see cref="WebhookFaults.BatchSize"/> is above 1.</summary>
public enum WebhookBatchMode
{
    /// <summary>One <c>entry</c> per event, several entries in the body (what Meta documents for batches).</summary>
    Entries,

    /// <summary>One <c>entry</c> whose <c>messaging</c> array holds several items.</summary>
    Items,
}
