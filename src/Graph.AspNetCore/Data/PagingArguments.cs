using Graph.AspNetCore.Execution;
using GraphQL;

namespace Graph.AspNetCore.Data;

/// <summary>The Relay paging arguments of a connection field, as the client sent them.</summary>
/// <param name="First">Page forwards: the first <c>n</c> items (after <see cref="After"/> when given).</param>
/// <param name="After">Only items after this cursor.</param>
/// <param name="Last">Page backwards: the last <c>n</c> items (before <see cref="Before"/> when given).</param>
/// <param name="Before">Only items before this cursor.</param>
public readonly record struct PagingArguments(int? First = null, string? After = null, int? Last = null, string? Before = null)
{
    /// <summary>The name of the <c>first</c> argument.</summary>
    public const string FirstArgument = "first";

    /// <summary>The name of the <c>after</c> argument.</summary>
    public const string AfterArgument = "after";

    /// <summary>The name of the <c>last</c> argument.</summary>
    public const string LastArgument = "last";

    /// <summary>The name of the <c>before</c> argument.</summary>
    public const string BeforeArgument = "before";

    /// <summary>Reads the four arguments of a connection field.</summary>
    public static PagingArguments From(IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PagingArguments(
            context.GetArgument<int?>(FirstArgument),
            context.GetArgument<string?>(AfterArgument),
            context.GetArgument<int?>(LastArgument),
            context.GetArgument<string?>(BeforeArgument));
    }

    /// <summary>
    /// Checks the arguments against the page sizes and settles the direction and size.
    /// Neither <c>first</c> nor <c>last</c>: a default-sized page, backwards when only <c>before</c> is given.
    /// </summary>
    /// <exception cref="ExecutionError">A negative size, both sizes, or a size above the maximum.</exception>
    internal PageRequest ToPageRequest(PagingOptions options)
    {
        Check(First, FirstArgument, options);
        Check(Last, LastArgument, options);
        if (First is not null && Last is not null)
        {
            // Relay allows both but the result ("the last m of the first n") is never what a client means.
            throw new ExecutionError("Page with either `first` or `last`, not both.") { Code = ErrorCodes.PagingInvalid };
        }

        var backward = Last is not null || (First is null && Before is not null && After is null);
        return new PageRequest(backward, First ?? Last ?? options.DefaultPageSize);
    }

    private static void Check(int? size, string argument, PagingOptions options)
    {
        if (size < 0)
        {
            throw new ExecutionError($"`{argument}` must not be negative.") { Code = ErrorCodes.PagingInvalid };
        }

        if (size > options.MaxPageSize)
        {
            throw new ExecutionError($"`{argument}` asks for {size} items; a page holds at most {options.MaxPageSize}.")
            {
                Code = ErrorCodes.PagingLimitExceeded,
            };
        }
    }
}
