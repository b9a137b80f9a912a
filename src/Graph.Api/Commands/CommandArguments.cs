namespace Graph.Api.Commands;

/// <summary>
/// The command line split into command words and options. ASP.NET Core reads the same arguments as
/// configuration (<c>--key value</c>, <c>--key=value</c>), so an option's value is
/// never taken for a command word: <c>--urls http://…</c> still means "serve".
/// </summary>
public sealed class CommandArguments
{
    private CommandArguments(IReadOnlyList<string> words, IReadOnlyDictionary<string, string> options, bool help)
    {
        Words = words;
        Options = options;
        Help = help;
    }

    /// <summary>The words that name a command and its positional arguments: <c>db seed</c>.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Every <c>--key value</c> option, by key (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>
    /// The <c>--key value</c> arguments alone, for ASP.NET Core's configuration: a command's own
    /// words stay out of it, since its command-line provider would read a path such as
    /// <c>/tmp/backup.db</c> as a <c>/key value</c> switch and swallow the next setting.
    /// </summary>
    public IReadOnlyList<string> Settings { get; private init; } = [];

    /// <summary>Whether <c>--help</c>, <c>-h</c> or <c>-?</c> was given.</summary>
    public bool Help { get; }

    public static CommandArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var words = new List<string>();
        var settings = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "-?")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(arg);
                continue;
            }

            var key = arg[2..];
            if (key.Equals("help", StringComparison.OrdinalIgnoreCase))
            {
                help = true;
                continue;
            }

            var equals = key.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                options[key[..equals]] = key[(equals + 1)..];
                settings.Add(arg);
            }
            else if (i + 1 < args.Count)
            {
                options[key] = args[++i];
                settings.Add(arg);
                settings.Add(args[i]);
            }
        }

        return new CommandArguments(words, options, help) { Settings = settings };
    }
}
