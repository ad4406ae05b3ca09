import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/decorators/roles.decorator';

class BaselineBody {
  @IsString()
  @MaxLength(256 * 1024)
  payload!: string;
}

/**
 * The floor any write endpoint can reach on this machine: the same HTTP stack, the same
 * authentication (token verified, principal read), the same pool — and one INSERT of a row the
 * size of a sealed referral. Mounted only for `npm run bench` (BENCH_BASELINE_ROUTE=true).
 */
@ApiExcludeController()
@ApiBearerAuth()
@Controller('bench')
export class BenchBaselineController {
  constructor(private readonly dataSource: DataSource) {}

  @Post('baseline')
  @HttpCode(201)
  @Roles('service')
  async write(@Body() body: BaselineBody): Promise<{ id: string }> {
    const id = randomUUID();
    await this.dataSource.query(`INSERT INTO bench_baseline_rows (id, payload) VALUES ($1, $2)`, [id, Buffer.from(body.payload, 'base64')]);
    return { id };
  }
}
