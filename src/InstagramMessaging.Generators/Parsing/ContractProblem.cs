using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Parsing;

/// <summary>A reason a declaration is not a valid contract: the rule, where, and the message arguments.</summary>
internal readonly struct ContractProblem
{
    public ContractProblem(MessageRule rule, Location? location, params object[] args)
    {
        Rule = rule;
        Location = location;
        Args = args;
    }

    public MessageRule Rule { get; }

    public Location? Location { get; }

    public object[] Args { get; }
}
