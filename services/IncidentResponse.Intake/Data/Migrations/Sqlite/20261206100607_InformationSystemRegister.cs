using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InformationSystemRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "information_systems",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    owner_agency = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    @operator = table.Column<string>(name: "operator", type: "TEXT", maxLength: 500, nullable: true),
                    security_level = table.Column<int>(type: "INTEGER", nullable: true),
                    level_approval = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    isp = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    security_provider = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    domains = table.Column<string>(type: "TEXT", nullable: false),
                    ips = table.Column<string>(type: "TEXT", nullable: false),
                    services = table.Column<string>(type: "TEXT", nullable: false),
                    operating_system = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_information_systems", x => x.code);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "information_systems");
        }
    }
}
