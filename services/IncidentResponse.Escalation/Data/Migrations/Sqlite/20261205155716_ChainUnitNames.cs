using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Escalation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChainUnitNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "unit_name_en",
                table: "chains",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit_name_vi",
                table: "chains",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "unit_name_en",
                table: "chains");

            migrationBuilder.DropColumn(
                name: "unit_name_vi",
                table: "chains");
        }
    }
}
