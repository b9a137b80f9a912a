using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.Ide;

/// <summary>
/// Banana Cake Pop, served from its npm package's static build (restored and copied beside the
/// application by the build). The package's page expects to live in a folder: it loads
/// <c>static/…</c> relative to itself and reads its settings from <c>bcp-config.json</c> beside
/// it. So a browser at <c>/graphql</c> is sent to <c>/graphql/</c>, and the files are served below it.
/// </summary>
internal sealed partial class GraphQLIde
{
    /// <summary>The folder name the build copies the package's files to, beside the application.</summary>
    public const string DefaultFolder = "BananaCakePop";

    private const string ConfigFile = "/bcp-config.json";
    private const string IndexFile = "index.html";

    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    private readonly IFileInfo _index;
    private readonly byte[] _config;

    private GraphQLIde(string path, PhysicalFileProvider files, IFileInfo index, byte[] config)
    {
        Path = path;
        Files = files;
        _index = index;
        _config = config;
    }

    /// <summary>The GraphQL path, without a trailing slash.</summary>
    public string Path { get; }

    /// <summary>The package's files.</summary>
    public PhysicalFileProvider Files { get; }

    /// <summary>The IDE for these options, or null when it is off or its files are missing (logged).</summary>
    public static GraphQLIde? Create(IServiceProvider services, GraphQLServerOptions options)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var settings = options.Ide;
        if (!(settings.Enabled ?? environment.IsDevelopment()))
        {
            return null;
        }

        var folder = System.IO.Path.GetFullPath(settings.AssetsPath ?? System.IO.Path.Combine(AppContext.BaseDirectory, DefaultFolder));
        if (!File.Exists(System.IO.Path.Combine(folder, IndexFile)))
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Graph.AspNetCore.Ide");
            LogAssetsMissing(logger, folder);
            return null;
        }

        var files = new PhysicalFileProvider(folder);
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            // The endpoint is the page's own URL without the trailing slash; subscriptions use the
            // same URL over ws:// or wss://.
            ["useBrowserUrlAsEndpoint"] = true,
            ["subscriptionProtocol"] = "graphql-transport-ws",
            ["title"] = settings.Title,
            // A development tool on a developer's machine reports nothing to anyone.
            ["disableTelemetry"] = true,
        });
        return new GraphQLIde(options.Path.TrimEnd('/'), files, files.GetFileInfo(IndexFile), config);
    }

    /// <summary>
    /// Maps <c>{path}/{**file}</c> (GET and HEAD) to the package's files and the settings file. The
    /// GraphQL endpoint itself keeps <c>{path}</c> and <c>{path}/</c>; literal routes win over a catch-all.
    /// </summary>
    public IEndpointConventionBuilder MapAssets(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.CreateApplicationBuilder();

        // The static file middleware stands aside when an endpoint is selected (it would shadow
        // endpoints); here the endpoint's whole job is to serve files, so it is cleared first.
        app.Use((context, next) =>
        {
            context.SetEndpoint(null);
            return next(context);
        });
        app.Use((context, next) =>
            context.Request.Path.Value is { } path && path.Length == Path.Length + ConfigFile.Length
                && path.EndsWith(ConfigFile, StringComparison.OrdinalIgnoreCase)
                ? WriteConfigAsync(context)
                : next(context));
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = Files,
            ContentTypeProvider = ContentTypes,
            OnPrepareResponse = file => SetCacheHeaders(file.Context.Response, file.Context.Request.Path),
        });
        var pipeline = app.Build();
        return endpoints.Map(Path + "/{**file}", pipeline)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .WithDisplayName("GraphQL IDE");
    }

    /// <summary>
    /// Answers a browser at the GraphQL path: <c>{path}</c> is redirected to <c>{path}/</c> (the
    /// page's relative links need the folder), <c>{path}/</c> gets the page.
    /// </summary>
    public Task ServePageAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.Path.Value is not { } path || !path.EndsWith('/'))
        {
            // Temporary, so that a browser does not remember it once the IDE is turned off.
            response.Redirect(request.PathBase + request.Path + "/" + request.QueryString);
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = _index.Length;
        SetCacheHeaders(response, request.Path);
        return HttpMethods.IsHead(request.Method)
            ? Task.CompletedTask
            : response.SendFileAsync(_index, context.RequestAborted);
    }

    private async Task WriteConfigAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = _config.Length;
        SetCacheHeaders(response, context.Request.Path);
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(_config, context.RequestAborted);
        }
    }

    // Files under static/ carry a content hash in their names and never change; everything else
    // (the page, its settings, the service worker, icons) is revalidated on every load.
    private void SetCacheHeaders(HttpResponse response, PathString path)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = path.StartsWithSegments(Path + "/static", StringComparison.OrdinalIgnoreCase)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".js"] = "text/javascript";
        return provider;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The GraphQL IDE is enabled but its files are missing from {Folder}; it is not served. Build the project with npm on the PATH to restore them.")]
    private static partial void LogAssetsMissing(ILogger logger, string folder);
}
