namespace InstagramMessaging.Generators.Model;

/// <summary>Which placeholder initializers (<c>= ""</c>, <c>= null!</c>, <c>= []</c>) of a content kind must be replaced where the contract is built.</summary>
internal enum PlaceholderRule
{
    /// <summary>None: an empty value is fine (other members may carry the content).</summary>
    None,

    /// <summary>A null or empty placeholder sends nothing.</summary>
    NullOrEmpty,

    /// <summary>Only an empty placeholder is wrong (null means "not sent").</summary>
    EmptyOnly,

    /// <summary>Any placeholder, an empty collection too.</summary>
    Any,
}
