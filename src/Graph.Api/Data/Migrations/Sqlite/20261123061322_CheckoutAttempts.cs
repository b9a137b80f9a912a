using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Graph.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckoutAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CheckoutAttempts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CartFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PaymentReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Reservation = table.Column<string>(type: "TEXT", nullable: false),
                    OrderId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckoutAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckoutAttempts_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CheckoutAttempts_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckoutAttempts_OrderId",
                table: "CheckoutAttempts",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckoutAttempts_UserId_IdempotencyKey",
                table: "CheckoutAttempts",
                columns: new[] { "UserId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckoutAttempts");
        }
    }
}
