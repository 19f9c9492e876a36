namespace InstagramMessaging.Generators.Model;

/// <summary>A contract's hint name and what tells apart two contracts that share it.</summary>
/// <param name="HintName">The contract's natural hint name.</param>
/// <param name="Identity">Its keyword and containing types' keywords.</param>
internal sealed record HintKey(string HintName, string Identity);
