namespace InstagramMessaging.Testing;

/// <summary>How the app answered the verification request Meta sends when a callback URL is set up.</summary>
/// <param name="TokenWasCorrect">Whether the request carried the right verify token.</param>
/// <param name="Challenge">The <c>hub.challenge</c> value sent.</param>
/// <param name="StatusCode">The HTTP status the app answered, or null when it did not answer.</param>
/// <param name="Body">The body the app answered, or null when it did not answer.</param>
public sealed record WebhookVerificationResult(bool TokenWasCorrect, string Challenge, int? StatusCode, string? Body)
{
    /// <summary>Whether the app accepted the subscription: 200 with exactly the challenge as the body.</summary>
    public bool Accepted => StatusCode == 200 && Body == Challenge;

    /// <summary>
    /// Whether the answer is the one Meta expects: accepted when the token was correct, 403 when it was not.
    /// </summary>
    public bool AnsweredCorrectly => TokenWasCorrect ? Accepted : StatusCode == 403;
}
