namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>
/// The C# idiom for a property that object initializers set: <c>{ get; init; } = ""</c>, <c>= null!</c>,
/// <c>= default!</c>, <c>= string.Empty</c>, <c>= []</c>, <c>= Array.Empty&lt;T&gt;()</c>. Such an initializer is
/// a placeholder, not the value sent: it is never judged at the declaration; a construction site that leaves
/// the member at its placeholder is. Only these written forms count (a named constant holding "" is a value).
/// </summary>
internal enum Placeholder
{
    None,
    Null,
    Empty,
    EmptyCollection,
}

