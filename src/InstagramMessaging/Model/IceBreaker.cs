namespace InstagramMessaging;

/// <summary>An ice breaker: a question shown before the first message, and the postback payload it sends.</summary>
/// <param name="Question">What the user can tap.</param>
/// <param name="Payload">What your webhook receives in <c>postback.payload</c>.</param>
public sealed record IceBreaker(string Question, string Payload);
