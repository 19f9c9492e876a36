namespace InstagramMessaging.Generators;

/// <summary>Names of the generator's pipeline steps, so tests can check each one is cached.</summary>
internal static class TrackingNames
{
    public const string Contracts = nameof(Contracts);
    public const string Handlers = nameof(Handlers);
    public const string ValidHandlers = nameof(ValidHandlers);
    public const string NamedContracts = nameof(NamedContracts);
}
