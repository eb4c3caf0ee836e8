namespace IntegrationHub.Adapters.CivilRegistry;

/// <summary>Civil registry acts to the canonical family ties, seen from the citizen the acts were asked for.</summary>
public static class CivilRegistryMapper
{
    private static readonly Dictionary<string, string[]> RolesByKind = new(StringComparer.Ordinal)
    {
        ["MARRIAGE"] = ["HUSBAND", "WIFE", "SPOUSE"],
        ["DIVORCE"] = ["HUSBAND", "WIFE", "SPOUSE"],
        ["BIRTH"] = ["FATHER", "MOTHER", "CHILD"],
        ["ADOPTION"] = ["ADOPTIVE_PARENT", "ADOPTED_CHILD"],
        ["DEATH"] = ["DECEASED"],
    };

    /// <summary>
    /// The ties of <paramref name="citizen"/>. A marriage followed by a divorce of the same pair is a former spouse
    /// (referenced by the divorce act, the act that made it so); a spouse's marriage otherwise ends with their death.
    /// Siblings are not derived: the registry's acts of one citizen never name them.
    /// </summary>
    public static FamilyRelationsData ToFamilyRelations(Fin citizen, CitizenActsDto dto)
    {
        ArgumentNullException.ThrowIfNull(citizen);
        ArgumentNullException.ThrowIfNull(dto);
        var acts = dto.Acts
            .Select(a => Parse(citizen, a))
            .OrderBy(a => a.RegisteredOn)
            .ThenBy(a => a.Number, StringComparer.Ordinal)
            .ToList();

        // Each divorce ends the earliest marriage of the same pair registered before it and not yet ended.
        var divorces = acts.Where(a => a.Kind == "DIVORCE").ToList();
        var relations = new List<FamilyRelation>();
        foreach (var act in acts)
        {
            switch (act.Kind)
            {
                case "MARRIAGE":
                    foreach (var spouse in act.Others)
                    {
                        var divorce = divorces.FirstOrDefault(d => d.RegisteredOn >= act.RegisteredOn && d.Others.Any(o => o.Fin == spouse.Fin));
                        if (divorce is not null)
                        {
                            divorces.Remove(divorce);
                            relations.Add(Tie(FamilyTie.FormerSpouse, spouse, act.RegisteredOn, divorce.RegisteredOn, null, divorce.Reference));
                        }
                        else
                        {
                            relations.Add(Tie(FamilyTie.Spouse, spouse, act.RegisteredOn, spouse.DateOfDeath, null, act.Reference));
                        }
                    }
                    break;
                case "BIRTH" or "ADOPTION":
                    var adoption = act.Kind == "ADOPTION";
                    if (act.Self.Role is "CHILD" or "ADOPTED_CHILD")
                    {
                        var since = adoption ? act.RegisteredOn : act.Self.BirthDate ?? act.RegisteredOn;
                        foreach (var parent in act.Others.Where(o => o.Role is "FATHER" or "MOTHER" or "ADOPTIVE_PARENT"))
                        {
                            relations.Add(Tie(FamilyTie.Parent, parent, since, null, null, act.Reference));
                        }
                    }
                    else
                    {
                        foreach (var child in act.Others.Where(o => o.Role is "CHILD" or "ADOPTED_CHILD"))
                        {
                            // A birth act is registered on (or soon after) the birth, so its date stands in for a missing birth date.
                            var born = child.BirthDate ?? (adoption ? null : act.RegisteredOn);
                            relations.Add(Tie(adoption ? FamilyTie.AdoptedChild : FamilyTie.Child, child, adoption ? act.RegisteredOn : born, null, born, act.Reference));
                        }
                    }
                    break;
            }
        }

        // A divorce whose marriage the registry does not hold (e.g. registered abroad) still records a former spouse.
        foreach (var divorce in divorces)
        {
            relations.AddRange(divorce.Others.Select(o => Tie(FamilyTie.FormerSpouse, o, null, divorce.RegisteredOn, null, divorce.Reference)));
        }
        return new FamilyRelationsData(relations);
    }

    private static FamilyRelation Tie(FamilyTie tie, Party relative, DateOnly? since, DateOnly? until, DateOnly? birthDate, string reference) =>
        new(tie, relative.Fin, since, until, birthDate, relative.DateOfDeath is not null, reference);

    private static Act Parse(Fin citizen, CivilActDto dto)
    {
        var reference = $"{dto.Kind} {dto.ActNumber}";
        if (!RolesByKind.TryGetValue(dto.Kind, out var roles))
        {
            throw new FormatException($"Unknown act kind '{dto.Kind}' from the civil registry.");
        }
        var parties = dto.Parties.Select(p =>
        {
            if (!roles.Contains(p.Role, StringComparer.Ordinal))
            {
                throw new FormatException($"Unknown party role '{p.Role}' in civil registry act {reference}.");
            }
            return new Party(Fin.Parse(p.Fin), p.Role, p.BirthDate, p.DateOfDeath);
        }).ToList();
        var self = parties.FirstOrDefault(p => p.Fin == citizen)
            ?? throw new FormatException($"Civil registry act {reference} does not name the citizen it was asked for.");
        return new Act(dto.Kind, dto.ActNumber, dto.RegisteredOn, reference, self, parties.Where(p => !ReferenceEquals(p, self)).ToList());
    }

    private sealed record Party(Fin Fin, string Role, DateOnly? BirthDate, DateOnly? DateOfDeath);

    private sealed record Act(string Kind, string Number, DateOnly RegisteredOn, string Reference, Party Self, IReadOnlyList<Party> Others);
}
