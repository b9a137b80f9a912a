using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Graph.Api.Orders;

/// <summary>
/// A checkout between its steps: claims the idempotency key (unique per user) and records the
/// stock it reserved, so that a replay finds the first result and a crash can be undone. Deleted
/// when the checkout fails (nothing is kept); completed by pointing at its order.
/// </summary>
public sealed class CheckoutAttempt
{
    public const int MaxKeyLength = 100;

    public int Id { get; set; }

    public int UserId { get; set; }

    public required string IdempotencyKey { get; set; }

    /// <summary>The cart it was made for, to tell a replay from a reuse of the key.</summary>
    public required string CartFingerprint { get; set; }

    /// <summary>Our reference for the charge at the gateway (its idempotency key there).</summary>
    public required string PaymentReference { get; set; }

    public decimal Amount { get; set; }

    /// <summary>The reserved lines as JSON: what an order is made of, and what recovery puts back.</summary>
    public required string Reservation { get; set; }

    /// <summary>Set by the transaction that writes the order; null while stock is merely reserved.</summary>
    public int? OrderId { get; set; }

    public Order? Order { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>After this a reservation still without an order is abandoned, and recovery may release it.</summary>
    public DateTime LeaseExpiresAt { get; set; }

    public IReadOnlyList<ReservedLine> Lines => JsonSerializer.Deserialize<List<ReservedLine>>(Reservation) ?? [];

    public static string Serialize(IReadOnlyList<ReservedLine> lines) => JsonSerializer.Serialize(lines);

    /// <summary>
    /// SHA-256 of "productId x quantity" in product order: equal carts, equal fingerprints, and a
    /// fixed size however long the cart. An empty cart is the empty string.
    /// </summary>
    public static string FingerprintOf(IEnumerable<(int ProductId, int Quantity)> cart)
    {
        var text = string.Join(',', cart.OrderBy(l => l.ProductId).Select(l => FormattableString.Invariant($"{l.ProductId}x{l.Quantity}")));
        return text.Length == 0 ? string.Empty : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>A cart line as reserved: the quantity taken from stock at the price of that moment.</summary>
public sealed record ReservedLine(int ProductId, int Quantity, decimal UnitPrice);
