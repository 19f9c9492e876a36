namespace InstagramMessaging.Testing;

// A quick reply or postback button the business put in front of a customer, and the title the customer sees.
internal sealed record OfferedPayload(string Payload, string Title);
