using System.Security.Claims;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Graph.Api.Accounts.Mfa;

/// <summary>
/// STAFF and ADMIN must enrol in MFA: until their token carries a second factor, a request of theirs
/// may select at the root only <c>me</c>, the enrolment mutations and <c>logOutEverywhere</c>
/// (fragments included, since the check is on the root type); anything else refuses the whole
/// request with <c>AUTH_MFA_REQUIRED</c> before it runs. Every other user pays one claims check.
/// </summary>
public sealed class MfaEnrolmentRule : ValidationRuleBase, IRequestValidationRule
{
    public static readonly MfaEnrolmentRule Instance = new();

    private static readonly HashSet<string> AllowedRootFields =
        ["me", "beginMfaEnrollment", "confirmMfaEnrollment", "logOutEverywhere", "__typename", "__schema", "__type"];

    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new(enter: static (field, context) =>
    {
        var parent = context.TypeInfo.GetParentType();
        var isRoot = parent is not null && (parent == context.Schema.Query || parent == context.Schema.Mutation || parent == context.Schema.Subscription);
        if (isRoot && !AllowedRootFields.Contains(field.Name.StringValue))
        {
            context.ReportError(new MfaEnrolmentRequiredError(context.Document.Source, field));
        }
    });

    private MfaEnrolmentRule()
    {
    }

    /// <summary>Only staff without a second factor: everyone else's cached documents run no rule.</summary>
    public bool AppliesTo(ClaimsPrincipal? user) => user.HasStaffRole() && !user.HasSecondFactor();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        AppliesTo(context.User) ? new(Visitor) : default;

    private sealed class MfaEnrolmentRequiredError : ValidationError
    {
        public MfaEnrolmentRequiredError(GraphQLParser.ROM source, GraphQLField field)
            : base(source, null, $"STAFF and ADMIN must enrol in multi-factor authentication first (beginMfaEnrollment, confirmMfaEnrollment); '{field.Name.StringValue}' is refused until then.", field)
        {
            Code = AuthorizationError.MfaRequired;
        }
    }
}
