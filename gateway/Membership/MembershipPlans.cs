using System.ComponentModel.DataAnnotations;
using AtlasGrains.Abstractions.Membership;

namespace AtlasGrains.Gateway.Membership;

/// <summary>The plans a reader can pay for ("Membership:Plans").</summary>
public sealed class MembershipPlans
{
    [MinLength(1, ErrorMessage = "Membership:Plans must list at least one plan.")]
    public List<MembershipPlan> Plans { get; set; } = [];

    public MembershipPlan? Find(string? id) => Plans.FirstOrDefault(plan => plan.Id == id);
}

public sealed class MembershipPlan
{
    [Required, RegularExpression("^[a-z0-9-]{1,40}$")]
    public string Id { get; set; } = "";

    [Required]
    public string Title { get; set; } = "";

    [Range(0, int.MaxValue)]
    public int PriceCents { get; set; }

    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Membership:Plans currency must be an ISO 4217 code such as USD.")]
    public string Currency { get; set; } = "USD";

    [Required, RegularExpression("^(month|year)$", ErrorMessage = "Membership:Plans interval must be month or year.")]
    public string Interval { get; set; } = "month";

    public BillingInterval BillingInterval => Interval == "year" ? BillingInterval.Year : BillingInterval.Month;
}
