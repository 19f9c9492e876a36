namespace InstagramMessaging.Generators.Model;

/// <summary>A type a contract is nested in.</summary>
/// <param name="Keyword">Its declaration keyword (<c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, <c>interface</c>).</param>
/// <param name="Name">Its name.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
