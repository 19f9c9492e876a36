using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Parsing;

/// <summary>A reason routing cannot take a handler class or method as written: the diagnostic, where, and its arguments.</summary>
internal readonly struct RoutingProblem
{
    public RoutingProblem(DiagnosticDescriptor descriptor, Location? location, params object[] args)
    {
        Descriptor = descriptor;
        Location = location;
        Args = args;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public Location? Location { get; }

    public object[] Args { get; }
}
