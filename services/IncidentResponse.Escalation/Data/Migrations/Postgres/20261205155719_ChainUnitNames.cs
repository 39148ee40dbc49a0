using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Escalation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChainUnitNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "unit_name_en",
                schema: "escalation",
                table: "chains",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit_name_vi",
                schema: "escalation",
                table: "chains",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "unit_name_en",
                schema: "escalation",
                table: "chains");

            migrationBuilder.DropColumn(
                name: "unit_name_vi",
                schema: "escalation",
                table: "chains");
        }
    }
}
