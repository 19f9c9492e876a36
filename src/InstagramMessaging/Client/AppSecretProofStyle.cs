namespace InstagramMessaging;

/// <summary>The two forms of <c>appsecret_proof</c> Meta documents.</summary>
public enum AppSecretProofStyle
{
    /// <summary><c>HMAC-SHA256(app_secret, token + "|" + unixTime)</c>, sent with <c>appsecret_time</c>.</summary>
    Timestamped,

    /// <summary><c>HMAC-SHA256(app_secret, token)</c>.</summary>
    Classic,
}
