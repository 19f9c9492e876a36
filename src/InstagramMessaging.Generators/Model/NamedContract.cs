namespace InstagramMessaging.Generators.Model;

/// <summary>A contract with the hint name it is emitted under, unique in the compilation.</summary>
/// <param name="HintName">The hint name.</param>
/// <param name="Spec">The contract.</param>
internal sealed record NamedContract(string HintName, ContractSpec Spec);
