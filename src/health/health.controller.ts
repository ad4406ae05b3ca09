import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/decorators/public.decorator';
import { LivenessDto, ReadinessDto } from './health.dto';
import { ApiProblems } from '../platform/errors/api-problems';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @ApiOkResponse({ type: LivenessDto, description: 'The process is up.' })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  // Terminus's own documentation describes its body, not the one answered here (a 503 is a problem with `checks`).
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ type: ReadinessDto, description: 'PostgreSQL is reachable.' })
  @ApiProblems(503)
  async ready(): Promise<ReadinessDto> {
    const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
    return { status: 'ok', checks: { database: result.details.database?.status ?? 'up' } };
  }
}
