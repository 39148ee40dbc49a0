using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Access.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntegrationSystemFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "isp",
                schema: "access",
                table: "integrations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "owner_can_handle",
                schema: "access",
                table: "integrations",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "security_level",
                schema: "access",
                table: "integrations",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "isp",
                schema: "access",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "owner_can_handle",
                schema: "access",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "security_level",
                schema: "access",
                table: "integrations");
        }
    }
}
