using System.Collections.Generic;
using System.Linq;

namespace InstagramMessaging.Rules;

// The rules of messenger_profile settings, checked before any request.
internal static class ProfileValidation
{
    public static List<MessageRuleViolation>? CheckIceBreakers(IReadOnlyList<IceBreakerSet>? sets)
    {
        List<MessageRuleViolation>? violations = null;
        if (sets is null || !sets.Any(s => s?.Locale == IceBreakerSet.DefaultLocale))
        {
            Add(ref violations, "iceBreakers", "Ice breakers need a set for locale 'default'.");
            return violations;
        }

        for (var i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            var member = $"iceBreakers[{i}]";
            if (set is null || set.Questions is null || set.Questions.Count == 0)
            {
                Add(ref violations, member, $"Ice breakers for locale '{set?.Locale}' have no question.");
                continue;
            }

            if (set.Questions.Count > MessageRules.MaxIceBreakers)
            {
                Add(ref violations, member, $"Locale '{set.Locale}' has {set.Questions.Count} ice breakers; Instagram takes at most {MessageRules.MaxIceBreakers}.");
            }

            for (var q = 0; q < set.Questions.Count; q++)
            {
                ContractValidation.CheckRequired(ref violations, set.Questions[q]?.Question, $"{member}.Questions[{q}].Question", "ice breaker question");
                ContractValidation.CheckRequired(ref violations, set.Questions[q]?.Payload, $"{member}.Questions[{q}].Payload", "ice breaker payload");
            }
        }

        return violations;
    }

    public static List<MessageRuleViolation>? CheckPersistentMenu(IReadOnlyList<PersistentMenu>? menus)
    {
        List<MessageRuleViolation>? violations = null;
        if (menus is null || !menus.Any(m => m?.Locale == IceBreakerSet.DefaultLocale))
        {
            Add(ref violations, "menus", "The persistent menu needs a menu for locale 'default'.");
            return violations;
        }

        for (var i = 0; i < menus.Count; i++)
        {
            var items = menus[i]?.Items;
            if (items is null || items.Count == 0)
            {
                Add(ref violations, $"menus[{i}]", $"The menu for locale '{menus[i]?.Locale}' has no item.");
                continue;
            }

            ContractValidation.CheckButtons(ref violations, items, $"menus[{i}].Items");
        }

        return violations;
    }

    private static void Add(ref List<MessageRuleViolation>? violations, string member, string message)
        => (violations ??= new()).Add(new MessageRuleViolation(RuleIds.MessengerProfile, member, MessageRules.MessengerProfile.Format(message)));
}
