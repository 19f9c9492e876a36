using InstagramMessaging.Generators.Model;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>A settable content member whose initializer is a placeholder that must be replaced before sending.</summary>
/// <param name="Property">The member.</param>
/// <param name="Kind">Its content kind.</param>
/// <param name="Placeholder">Its placeholder.</param>
internal sealed record PlaceholderMember(IPropertySymbol Property, ContentKind Kind, Placeholder Placeholder);
