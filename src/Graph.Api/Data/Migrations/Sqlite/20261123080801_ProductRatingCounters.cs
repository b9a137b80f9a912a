using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Graph.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProductRatingCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RatingTotal",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ReviewCount",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Products reviewed before the counters existed get them from their reviews.
            migrationBuilder.Sql("""
                UPDATE "Products" SET
                    "ReviewCount" = (SELECT COUNT(*) FROM "Reviews" WHERE "Reviews"."ProductId" = "Products"."Id"),
                    "RatingTotal" = (SELECT COALESCE(SUM("Rating"), 0) FROM "Reviews" WHERE "Reviews"."ProductId" = "Products"."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RatingTotal",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "ReviewCount",
                table: "Products");
        }
    }
}
