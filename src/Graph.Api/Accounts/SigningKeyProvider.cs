using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Graph.Api.Accounts;

/// <summary>
/// The JWT signing key from <c>Auth:SigningKey</c>. Outside Development start-up fails without a key
/// of at least 256 bits. In Development a missing key is replaced by a random one for the process,
/// so no key is ever written in code or settings (tokens then last until the process restarts).
/// </summary>
public sealed class SigningKeyProvider
{
    public SigningKeyProvider(IOptions<AuthOptions> options, IHostEnvironment environment)
    {
        var configured = options.Value.SigningKey;
        if (string.IsNullOrEmpty(configured))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Auth:SigningKey is not set. Outside Development the server needs a JWT signing key of at least "
                    + $"{AuthOptions.MinimumKeyBytes} bytes (256 bits), e.g. the environment variable Auth__SigningKey.");
            }

            Key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(AuthOptions.MinimumKeyBytes));
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < AuthOptions.MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"Auth:SigningKey is {bytes.Length * 8} bits; it must be at least {AuthOptions.MinimumKeyBytes * 8} bits ({AuthOptions.MinimumKeyBytes} bytes).");
        }

        Key = new SymmetricSecurityKey(bytes);
    }

    public SymmetricSecurityKey Key { get; }
}
