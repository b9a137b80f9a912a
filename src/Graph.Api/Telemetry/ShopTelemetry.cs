using Graph.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Graph.Api.Telemetry;

/// <summary>
/// Logs, traces and metrics. Logs are structured (JSON lines outside Development) with their scopes:
/// the request's trace id and the GraphQL operation's name. Traces and metrics go to an OTLP
/// collector only when one is configured; without one nothing listens, so the serving layer skips
/// its spans and instruments entirely.
/// </summary>
public static class ShopTelemetry
{
    /// <summary>The standard OpenTelemetry variable; the SDK also reads its companions (protocol, headers).</summary>
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The same as a configuration key, for appsettings or <c>--OpenTelemetry:Otlp:Endpoint</c>.</summary>
    public const string EndpointKey = "OpenTelemetry:Otlp:Endpoint";

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>, with <see cref="EndpointKey"/>.</summary>
    public const string ProtocolKey = "OpenTelemetry:Otlp:Protocol";

    public static WebApplicationBuilder AddShopTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        // Scopes carry the trace id (ASP.NET Core's activity tracking) and the operation name.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(options => options.IncludeScopes = true);
        if (!builder.Environment.IsDevelopment() && configuration["Logging:Console:FormatterName"] is null)
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        var standard = configuration[StandardEndpointKey];
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(standard) && string.IsNullOrWhiteSpace(endpoint))
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "graph-shop"))
            .WithTracing(tracing => tracing
                .AddSource(GraphQLTelemetry.SourceName)
                .AddAspNetCoreInstrumentation()
                // Npgsql reports its commands itself; SQLite has no spans (no EF Core instrumentation package is served).
                .AddSource("Npgsql"))
            .WithMetrics(metrics => metrics
                .AddMeter(GraphQLTelemetry.SourceName)
                .AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(standard))
        {
            telemetry.UseOtlpExporter();
        }
        else
        {
            var protocol = string.Equals(configuration[ProtocolKey], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint!));
        }

        return builder;
    }
}
