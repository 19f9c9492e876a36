namespace InstagramMessaging.Webhooks;

/// <summary>Where a conversation came from: an ad, an ig.me link or a shop product (<c>referral</c>).</summary>
public sealed record WebhookReferral
{
    /// <summary><c>ref</c>: the parameter the ad or link carried.</summary>
    public string? Ref { get; init; }

    /// <summary><c>source</c>: <c>ADS</c>, <c>SHORTLINK</c>, <c>SHORTLINKS</c>, ... (an open set).</summary>
    public string? Source { get; init; }

    /// <summary><c>type</c>: usually <c>OPEN_THREAD</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>ad_id</c> for Click-to-Direct ads.</summary>
    public string? AdId { get; init; }

    /// <summary><c>ads_context_data.ad_title</c>.</summary>
    public string? AdTitle { get; init; }

    /// <summary><c>ads_context_data.photo_url</c>.</summary>
    public string? PhotoUrl { get; init; }

    /// <summary><c>ads_context_data.video_url</c>.</summary>
    public string? VideoUrl { get; init; }

    /// <summary><c>product.id</c> (or <c>product_id</c>) when the customer wrote from a shop product page.</summary>
    public string? ProductId { get; init; }

    /// <summary><c>post_id</c>: the post behind the ad (Messenger adds it); null when absent.</summary>
    public string? PostId { get; init; }

    /// <summary><c>flow_id</c>: the ad's conversation flow (Messenger adds it); null when absent.</summary>
    public string? FlowId { get; init; }
}
