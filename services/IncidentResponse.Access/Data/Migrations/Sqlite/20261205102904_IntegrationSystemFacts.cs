using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Access.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IntegrationSystemFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "isp",
                table: "integrations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "owner_can_handle",
                table: "integrations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "security_level",
                table: "integrations",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "isp",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "owner_can_handle",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "security_level",
                table: "integrations");
        }
    }
}
