import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/decorators/public.decorator';
import { LivenessDto, ReadinessDto } from './health.dto';

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
  @HealthCheck()
  @ApiOkResponse({ type: ReadinessDto, description: 'PostgreSQL is reachable.' })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL is not reachable (problem+json).' })
  async ready(): Promise<ReadinessDto> {
    const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
    return { status: 'ok', checks: { database: result.details.database?.status ?? 'up' } };
  }
}
